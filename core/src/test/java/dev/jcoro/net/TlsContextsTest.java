package dev.jcoro.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class TlsContextsTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    static TestCertificates certs;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.get();
    }

    /** Handshakes our client (trusting {@code client}) with our server (on {@code server}); describes the peer chain. */
    static String handshake(SSLContext server, SSLContext client) throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), server)) {
                    tls.write(ByteBuffer.wrap("ok".getBytes(US_ASCII)));
                }
                return null;
            });
            Task<String> c = s.launch(() -> {
                try (TlsSocket tls = TlsSocket.client(TcpSocket.connect(listener.localAddress()), client, "localhost")) {
                    ByteBuffer buf = ByteBuffer.allocate(2);
                    while (buf.hasRemaining() && tls.read(buf) >= 0) {
                        // until both bytes are in
                    }
                    StringBuilder chain = new StringBuilder(new String(buf.array(), US_ASCII));
                    for (Certificate cert : tls.session().getPeerCertificates()) {
                        X509Certificate x = (X509Certificate) cert;
                        chain.append(' ').append(x.getPublicKey().getAlgorithm()).append(':')
                                .append(x.getSubjectX500Principal().getName());
                    }
                    return chain.toString();
                }
            });
            return c.join();
        }
    }

    @Test
    void anRsaServerFromPemFilesIsTrustedThroughTheAuthoritysPem() throws Exception {
        SSLContext server = TlsContexts.server(certs.rsa.chainPem(), certs.rsa.keyPem());
        assertEquals("ok RSA:CN=localhost EC:CN=jcoro test CA", handshake(server, TlsContexts.client(certs.caPem)));
    }

    @Test
    void anEcServerFromPemFilesIsTrustedThroughTheAuthoritysPem() throws Exception {
        SSLContext server = TlsContexts.server(certs.ec.chainPem(), certs.ec.keyPem());
        assertEquals("ok EC:CN=localhost EC:CN=jcoro test CA", handshake(server, TlsContexts.client(certs.caPem)));
    }

    @Test
    void aServerFromAKeyStoreIsTrustedThroughATrustStore() throws Exception {
        SSLContext server = TlsContexts.server(TlsContexts.keyStore(certs.ec.keyStore(), TestCertificates.PASSWORD),
                TestCertificates.PASSWORD);
        // The server's own store holds the authority as a trusted entry, so it serves as a trust store too.
        SSLContext client = TlsContexts.client(TlsContexts.keyStore(certs.rsa.keyStore(), TestCertificates.PASSWORD));
        assertEquals("ok EC:CN=localhost EC:CN=jcoro test CA", handshake(server, client));
    }

    @Test
    void oneFileMayHoldTheChainAndTheKey() throws Exception {
        Path combined = dir.resolve("combined.pem");
        Files.writeString(combined, Files.readString(certs.ec.keyPem()) + "some comment\n"
                + Files.readString(certs.ec.chainPem()));
        SSLContext server = TlsContexts.server(combined, combined);
        assertEquals("ok EC:CN=localhost EC:CN=jcoro test CA", handshake(server, TlsContexts.client(certs.caPem)));
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused() {
        IOException e = assertThrows(IOException.class,
                () -> TlsContexts.server(certs.ec.chainPem(), certs.untrusted.keyPem()));
        assertEquals("the private key in " + certs.untrusted.keyPem() + " does not belong to the certificate "
                + "CN=localhost at the head of " + certs.ec.chainPem(), e.getMessage());
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path key = dir.resolve("rsa1.pem");
        Files.writeString(key, TestCertificates.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
        IOException e = assertThrows(IOException.class, () -> TlsContexts.server(certs.rsa.chainPem(), key));
        assertEquals(key + " holds a RSA PRIVATE KEY (PKCS#1/SEC1); convert it to PKCS#8 with "
                + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem'", e.getMessage());
    }

    @Test
    void aFileWithoutCertificatesIsRefused() {
        IOException e = assertThrows(IOException.class, () -> TlsContexts.client(certs.rsa.keyPem()));
        assertEquals(certs.rsa.keyPem() + " holds no '-----BEGIN CERTIFICATE-----' block", e.getMessage());
    }

    @Test
    void anUnterminatedBlockIsRefusedWithItsLine() throws Exception {
        Path cut = dir.resolve("cut.pem");
        String pem = Files.readString(certs.caPem);
        Files.writeString(cut, "header text\n" + pem.substring(0, pem.indexOf("-----END")));
        IOException e = assertThrows(IOException.class, () -> TlsContexts.client(cut));
        assertEquals(cut + " line 2: the CERTIFICATE block has no '-----END CERTIFICATE-----' line", e.getMessage());
    }

    @Test
    void corruptBase64IsRefused() throws Exception {
        Path bad = dir.resolve("bad.pem");
        Files.writeString(bad, "-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n");
        IOException e = assertThrows(IOException.class, () -> TlsContexts.client(bad));
        assertTrue(e.getMessage().startsWith(bad + " line 1: the block is not valid base64"), e.getMessage());
    }

    @Test
    void aWrongKeyStorePasswordIsAnIoException() {
        assertThrows(IOException.class, () -> TlsContexts.keyStore(certs.rsa.keyStore(), "wrong".toCharArray()));
    }
}
