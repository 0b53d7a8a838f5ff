package dev.jcoro.http;

import static dev.jcoro.http.ExternalProcess.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.net.TlsContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS: the server with a certificate generated at test time (PEM files from openssl, a PKCS#12 key store
 * from keytool), against curl and against our client with a given trust store.
 */
class HttpsTest {
    @TempDir
    Path dir;

    private Path[] opensslPem() throws Exception {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"), "openssl");
        return new Path[] {cert, key};
    }

    @Test
    void curlOverHttpsWithPemCertificate() throws Exception {
        Path[] pem = opensslPem();
        try (HttpServer server = TestServer.builder().limits(TestServer.LIMITS.withMaxBodySize(1 << 20))
                .tls(TlsContexts.server(pem[0], pem[1])).start()) {
            String base = "https://127.0.0.1:" + server.port();
            assertEquals("hello", run(List.of("curl", "-sS", "--fail", "--cacert", pem[0].toString(), base + "/hello"), "curl"));
            byte[] payload = new byte[200_000];
            new Random(9).nextBytes(payload);
            Path file = Files.write(dir.resolve("payload"), payload);
            Path echoed = dir.resolve("echoed");
            run(List.of("curl", "-sS", "--fail", "--cacert", pem[0].toString(), "-H", "Transfer-Encoding: chunked",
                    "--data-binary", "@" + file, "-o", echoed.toString(), base + "/echo"), "curl");
            assertArrayEquals(payload, Files.readAllBytes(echoed));
            assertEquals("1 0 ", run(List.of("curl", "-sS", "--cacert", pem[0].toString(), "-o", "/dev/null", "-o", "/dev/null",
                    "-w", "%{num_connects} ", base + "/hello", base + "/hello"), "curl"));
        }
    }

    @Test
    void ourClientOverHttpsWithKeyStoreCertificate() throws Exception {
        Path store = dir.resolve("server.p12");
        Path cert = dir.resolve("server.pem");
        String password = "changeit";
        run(List.of("keytool", "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password), "openjdk-17-jdk-headless");
        run(List.of("keytool", "-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(),
                "-storepass", password, "-file", cert.toString()), "openjdk-17-jdk-headless");
        SSLContext serverContext = TlsContexts.server(TlsContexts.keyStore(store, password.toCharArray()), password.toCharArray());
        try (HttpServer server = TestServer.builder().tls(serverContext).start()) {
            String base = "https://127.0.0.1:" + server.port();
            try (HttpClient client = HttpClient.builder().tls(TlsContexts.client(cert)).build()) {
                assertEquals("hello", client.send(ClientRequest.get(base + "/hello")).bodyText());
                assertEquals("abc", client.send(ClientRequest.post(base + "/echo", "abc".getBytes())).bodyText());
                assertEquals(1, client.idleConnections());
            }
            try (HttpClient trustsJdkDefaults = HttpClient.builder().build()) {
                IOException e = assertThrows(IOException.class, () -> trustsJdkDefaults.send(ClientRequest.get(base + "/hello")));
                assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException, e.toString());
            }
        }
    }
}
