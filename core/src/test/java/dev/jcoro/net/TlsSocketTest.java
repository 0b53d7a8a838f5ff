package dev.jcoro.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;
import dev.jcoro.Task;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(120)
class TlsSocketTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    static TestCertificates certs;
    static SSLContext serverContext;
    static SSLContext clientContext;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.get();
        serverContext = TlsContexts.server(TlsContexts.keyStore(certs.rsa.keyStore(), TestCertificates.PASSWORD),
                TestCertificates.PASSWORD);
        clientContext = TlsContexts.client(certs.caPem);
    }

    static byte[] pattern(int size, int seed) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * seed + (i >>> 11));
        }
        return data;
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    /**
     * Writes {@code out} from a second coroutine while this one reads {@code expected} bytes through a buffer
     * smaller than a TLS record; returns the SHA-256 of what it read.
     */
    @Suspendable
    static byte[] exchange(TlsSocket tls, byte[] out, int expected) throws Exception {
        Task<Integer> writer = Coroutines.launch(() -> {
            ByteBuffer src = ByteBuffer.wrap(out);
            tls.write(src);
            return src.remaining();
        });
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocate(7000);
        long total = 0;
        while (total < expected) {
            int n = tls.read(buf);
            if (n < 0) {
                throw new IOException("end of stream after " + total + " of " + expected + " bytes");
            }
            digest.update(buf.array(), 0, n);
            if (total >>> 20 != (total + n) >>> 20) {
                Coroutines.yieldNow();    // data keeps arriving, so the loop would otherwise never let go of its carrier
            }
            total += n;
            buf.clear();
        }
        assertEquals(0, writer.join());
        return digest.digest();
    }

    /** What {@code body} threw, as "SimpleName: message", inside a coroutine (assertThrows cannot suspend). */
    @Suspendable
    static String failure(SuspendableCallable<?> body) {
        try {
            return "returned " + body.call();
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Suspendable
    static String readUntilEnd(StreamSocket s) throws IOException {
        StringBuilder text = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(64);
        while (s.read(buf) >= 0) {
            text.append(new String(buf.array(), 0, buf.position(), US_ASCII));
            buf.clear();
        }
        return text.toString();
    }

    @Suspendable
    static TlsSocket connect(TcpServerSocket listener, SSLContext context, String host) throws IOException {
        return TlsSocket.client(TcpSocket.connect(listener.localAddress()), context, host);
    }

    /**
     * TLS 1.2 renegotiation started by the JDK's client while our server streams to it: the server's writer
     * must wait for the handshake its reader is running, then carry on.
     */
    @Test
    void ourServerKeepsStreamingThroughARenegotiation() throws Exception {
        int size = 8 << 20;
        byte[] stream = pattern(size, 17);
        byte[] digest = sha256(stream);
        try (Scheduler s = Scheduler.create(2); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            Task<String> server = s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), serverContext)) {
                    tls.handshake();
                    Task<Integer> writer = Coroutines.launch(() -> {
                        ByteBuffer src = ByteBuffer.wrap(stream);
                        tls.write(src);
                        return src.remaining();
                    });
                    String reads = readUntilEnd(tls);     // nothing but the renegotiation comes this way
                    return writer.join() + " left, read '" + reads + "', " + tls.session().getProtocol();
                }
            });
            try (SSLSocket c = (SSLSocket) certs.jdkClientContext().getSocketFactory().createSocket("127.0.0.1",
                    listener.localAddress().getPort())) {
                c.setEnabledProtocols(new String[] {"TLSv1.2"});
                c.setSoTimeout(60_000);
                InputStream in = c.getInputStream();
                MessageDigest received = MessageDigest.getInstance("SHA-256");
                received.update(in.readNBytes(1 << 20));
                c.startHandshake();              // sends a ClientHello; the rest happens as this thread reads
                received.update(in.readNBytes(size - (1 << 20)));
                assertArrayEquals(digest, received.digest());
            }
            assertEquals("0 left, read '', TLSv1.2", server.join());
        }
    }

    @Test
    void ourClientAndServerExchangeMegabytesBothWaysAtOnce() throws Exception {
        int size = 8 << 20;
        byte[] toServer = pattern(size, 7);
        byte[] toClient = pattern(size, 13);
        byte[] toClientDigest = sha256(toClient);
        try (Scheduler s = Scheduler.create(2); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            Task<byte[]> server = s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), serverContext)) {
                    return exchange(tls, toClient, size);
                }
            });
            Task<String> client = s.launch(() -> {
                try (TlsSocket tls = connect(listener, clientContext, "localhost")) {
                    assertArrayEquals(toClientDigest, exchange(tls, toServer, size));
                    return tls.session().getProtocol() + " " + tls.applicationProtocol().isEmpty();
                }
            });
            assertEquals("TLSv1.3 true", client.join());
            assertArrayEquals(sha256(toServer), server.join());
        }
    }

    @Test
    void closeSendsCloseNotifyAndThePeerReadsMinusOneEveryTimeAfter() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                TlsSocket tls = TlsSocket.server(listener.accept(), serverContext);
                tls.write(ByteBuffer.wrap("bye".getBytes(US_ASCII)));
                tls.close();
                assertFalse(tls.isOpen());
                return null;
            });
            Task<String> client = s.launch(() -> {
                try (TlsSocket tls = connect(listener, clientContext, "localhost")) {
                    String text = readUntilEnd(tls);
                    return text + " " + tls.read(ByteBuffer.allocate(8)) + " " + tls.isOpen();
                }
            });
            assertEquals("bye -1 true", client.join());
        }
    }

    /**
     * Under TLS 1.2 a record's type travels in clear, so a relay between our client and server can tell the
     * close_notify alert (type 21) from the end of TCP.
     */
    @Test
    void closeSendsACloseNotifyAlertRecord() throws Exception {
        try (Scheduler s = Scheduler.create(1);
                TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK);
                TcpServerSocket relay = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                TlsSocket tls = TlsSocket.server(listener.accept(), serverContext);
                tls.write(ByteBuffer.wrap("bye".getBytes(US_ASCII)));
                tls.close();
                return null;
            });
            Task<List<Integer>> serverRecordTypes = s.launch(() -> {
                try (TcpSocket fromClient = relay.accept(); TcpSocket toServer = TcpSocket.connect(listener.localAddress())) {
                    Coroutines.launch(() -> {
                        pump(fromClient, toServer);
                        return null;
                    });
                    return recordTypes(pump(toServer, fromClient));
                }
            });
            Task<String> client = s.launch(() -> {
                SSLParameters tls12 = TlsSocket.clientParameters("localhost");
                tls12.setProtocols(new String[] {"TLSv1.2"});
                try (TlsSocket tls = TlsSocket.client(TcpSocket.connect(relay.localAddress()), clientContext, "localhost",
                        tls12)) {
                    return readUntilEnd(tls);
                }
            });
            assertEquals("bye", client.join());
            List<Integer> types = serverRecordTypes.join();
            assertEquals(List.of(23, 21), types.subList(types.size() - 2, types.size()), "record types " + types);
        }
    }

    /** Copies {@code from} to {@code to} until the end of {@code from}'s stream; returns what went through. */
    @Suspendable
    static byte[] pump(TcpSocket from, TcpSocket to) throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (from.read(buf) >= 0) {
            copy.write(buf.array(), 0, buf.position());
            buf.flip();
            to.write(buf);
            buf.clear();
        }
        to.shutdownOutput();
        return copy.toByteArray();
    }

    /** The content types of the TLS records in {@code stream}: 22 handshake, 20 change cipher spec, 21 alert, 23 data. */
    static List<Integer> recordTypes(byte[] stream) {
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i + 5 <= stream.length; i += 5 + ((stream[i + 3] & 0xFF) << 8 | stream[i + 4] & 0xFF)) {
            types.add(stream[i] & 0xFF);
        }
        return types;
    }

    @Test
    void theConnectionEndingBetweenRecordsWithoutCloseNotifyReadsMinusOne() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                TcpSocket raw = listener.accept();
                TlsSocket tls = TlsSocket.server(raw, serverContext);
                tls.write(ByteBuffer.wrap("cut".getBytes(US_ASCII)));
                raw.close();
                return null;
            });
            Task<String> client = s.launch(() -> {
                try (TlsSocket tls = connect(listener, clientContext, "localhost")) {
                    return readUntilEnd(tls);
                }
            });
            assertEquals("cut", client.join());
        }
    }

    @Test
    void theConnectionEndingInsideARecordIsAnSslException() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                TcpSocket raw = listener.accept();
                TlsSocket.server(raw, serverContext).handshake();
                // The header of an application-data record of 64 bytes, and only 10 of them.
                raw.write(ByteBuffer.wrap(new byte[] {0x17, 0x03, 0x03, 0x00, 0x40, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
                raw.close();
                return null;
            });
            Task<String> client = s.launch(() -> {
                try (TlsSocket tls = connect(listener, clientContext, "localhost")) {
                    tls.read(ByteBuffer.allocate(100));
                    return "read returned";
                } catch (SSLException e) {
                    return e.getMessage();
                }
            });
            String message = client.join();
            assertTrue(message.contains("ended in the middle of a TLS record (15 bytes of it received)"), message);
            assertTrue(message.startsWith("TLS connection with localhost at 127.0.0.1:"), message);
        }
    }

    @Test
    void thePeerClosingDuringTheHandshakeIsAHandshakeExceptionNamingThePeer() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                try (TcpSocket raw = listener.accept()) {
                    raw.read(ByteBuffer.allocate(100));      // part of the ClientHello, then hang up
                }
                return null;
            });
            Task<String> client = s.launch(() -> {
                try (TlsSocket tls = connect(listener, clientContext, "localhost")) {
                    String first = failure(() -> {
                        tls.handshake();
                        return null;
                    });
                    String again = failure(() -> {
                        tls.write(ByteBuffer.wrap(new byte[1]));
                        return null;
                    });
                    assertTrue(again.startsWith("SSLHandshakeException: TLS handshake with localhost at 127.0.0.1:"), again);
                    assertTrue(again.contains("failed earlier"), again);
                    return first;
                }
            });
            int port = listener.localAddress().getPort();
            assertEquals("SSLHandshakeException: TLS handshake with localhost at 127.0.0.1:" + port
                    + " failed: the peer closed the connection during the TLS handshake", client.join());
        }
    }

    @Test
    void aServerWhoseClientHangsUpSeesAHandshakeException() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            Task<String> server = s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), serverContext)) {
                    tls.handshake();
                    return "handshake completed";
                } catch (SSLHandshakeException e) {
                    return e.getMessage();
                }
            });
            s.launch(() -> {
                TcpSocket.connect(listener.localAddress()).close();
                return null;
            });
            String message = server.join();
            assertTrue(message.startsWith("TLS handshake with 127.0.0.1:"), message);
            assertTrue(message.endsWith("the peer closed the connection during the TLS handshake"), message);
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            Task<String> server = s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), serverContext)) {
                    tls.handshake();
                    return "accepted";
                } catch (SSLHandshakeException e) {
                    return "refused";
                }
            });
            Task<String> client = s.launch(() -> {
                try (TlsSocket tls = connect(listener, clientContext, "wrong.example")) {
                    tls.handshake();
                    return "accepted";
                } catch (SSLHandshakeException e) {
                    return e.getMessage();
                }
            });
            String message = client.join();
            assertTrue(message.startsWith("TLS handshake with wrong.example at 127.0.0.1:"), message);
            assertTrue(message.contains("No subject alternative DNS name matching wrong.example"), message);
            assertEquals("refused", server.join());   // our alert reached the server
        }
    }

    @Test
    void anIpLiteralIsCheckedAgainstTheCertificatesAddresses() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), serverContext)) {
                    tls.write(ByteBuffer.wrap("by address".getBytes(US_ASCII)));
                }
                return null;
            });
            Task<String> client = s.launch(() -> {
                try (TlsSocket tls = connect(listener, clientContext, "127.0.0.1")) {
                    return readUntilEnd(tls);
                }
            });
            assertEquals("by address", client.join());
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        SSLContext untrustedServer = TlsContexts.server(certs.untrusted.chainPem(), certs.untrusted.keyPem());
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), untrustedServer)) {
                    tls.handshake();
                }
                return null;
            });
            Task<String> client = s.launch(() -> {
                try (TlsSocket tls = connect(listener, clientContext, "localhost")) {
                    tls.handshake();
                    return "accepted";
                } catch (SSLHandshakeException e) {
                    return e.getMessage();
                }
            });
            String message = client.join();
            assertTrue(message.startsWith("TLS handshake with localhost at 127.0.0.1:"), message);
            assertTrue(message.contains("PKIX path building failed"), message);
        }
    }

    @Test
    void theJdkTrustStoreDoesNotTrustTheTestAuthority() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), serverContext)) {
                    tls.handshake();
                }
                return null;
            });
            Task<Class<?>> client = s.launch(() -> {
                try (TlsSocket tls = connect(listener, TlsContexts.client(), "localhost")) {
                    tls.handshake();
                    return null;
                } catch (SSLHandshakeException e) {
                    return e.getClass();
                }
            });
            assertEquals(SSLHandshakeException.class, client.join());
        }
    }

    @Test
    void applicationProtocolsAreNegotiated() throws Exception {
        SSLParameters serverParameters = new SSLParameters();
        serverParameters.setApplicationProtocols(new String[] {"http/1.1"});
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            Task<String> server = s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), serverContext, serverParameters)) {
                    tls.handshake();
                    return tls.applicationProtocol();
                }
            });
            Task<String> client = s.launch(() -> {
                SSLParameters p = TlsSocket.clientParameters("localhost");
                p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
                try (TlsSocket tls = TlsSocket.client(TcpSocket.connect(listener.localAddress()), clientContext,
                        "localhost", p)) {
                    assertThrows(IllegalStateException.class, tls::session);
                    tls.handshake();
                    X509Certificate peer = (X509Certificate) tls.session().getPeerCertificates()[0];
                    return tls.applicationProtocol() + " " + peer.getSubjectX500Principal().getName();
                }
            });
            assertEquals("http/1.1 CN=localhost", client.join());
            assertEquals("http/1.1", server.join());
        }
    }

    @Test
    void theReadTimeoutIsTheTcpSocketsAndEndsASilentRead() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), serverContext)) {
                    tls.handshake();
                    Coroutines.sleep(Duration.ofSeconds(30));
                }
                return null;
            });
            Task<String> client = s.launch(() -> {
                TcpSocket tcp = TcpSocket.connect(listener.localAddress());
                try (TlsSocket tls = TlsSocket.client(tcp, clientContext, "localhost")) {
                    tls.setReadTimeout(Duration.ofMillis(200));
                    String timedOut = failure(() -> tls.read(ByteBuffer.allocate(10)));
                    return timedOut.substring(0, timedOut.indexOf(':')) + " " + tls.readTimeout() + " " + tcp.readTimeout();
                }
            });
            assertEquals("SocketTimeoutException PT0.2S PT0.2S", client.join());
        }
    }

    @Test
    void onAPlainThreadTheSameCallsBlock() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), serverContext)) {
                    ByteBuffer buf = ByteBuffer.allocate(5);
                    while (buf.hasRemaining() && tls.read(buf) >= 0) {
                        // until the whole question is in
                    }
                    buf.flip();
                    tls.write(ByteBuffer.wrap(("re: " + US_ASCII.decode(buf)).getBytes(US_ASCII)));
                }
                return null;
            });
            try (TlsSocket tls = TlsSocket.client(TcpSocket.connect(listener.localAddress()), clientContext, "localhost")) {
                tls.write(ByteBuffer.wrap("hello".getBytes(US_ASCII)));
                assertEquals("re: hello", readUntilEnd(tls));
            }
        }
    }

    @Test
    void closeFromAPlainThreadWakesAWaitingReader() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), serverContext)) {
                    tls.handshake();
                    Coroutines.sleep(Duration.ofSeconds(30));
                }
                return null;
            });
            CompletableFuture<TlsSocket> opened = new CompletableFuture<>();
            Task<String> reader = s.launch(() -> {
                TlsSocket tls = connect(listener, clientContext, "localhost");
                tls.handshake();
                opened.complete(tls);
                try {
                    tls.read(ByteBuffer.allocate(10));
                    return "read returned";
                } catch (IOException e) {
                    return e.getClass().getSimpleName();
                }
            });
            TlsSocket tls = opened.get(30, TimeUnit.SECONDS);
            Thread.sleep(100);
            tls.close();
            assertEquals("AsynchronousCloseException", reader.join());
            assertFalse(tls.isOpen());
        }
    }

    /** The JDK's blocking TLS server, an implementation independent of ours, with a key update mid-stream. */
    @Test
    void ourClientTalksToTheJdkSslServerSocket() throws Exception {
        int size = 4 << 20;
        byte[] toServer = pattern(size, 3);
        byte[] toClient = pattern(size, 5);
        byte[] toClientDigest = sha256(toClient);
        SSLContext jdkContext = TestCertificates.jdkServerContext(certs.ec);
        try (SSLServerSocket jdkServer = (SSLServerSocket) jdkContext.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Scheduler s = Scheduler.create(2)) {
            CompletableFuture<byte[]> serverReceived = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket c = (SSLSocket) jdkServer.accept()) {
                    InputStream in = c.getInputStream();
                    OutputStream out = c.getOutputStream();
                    String line = new BufferedReader(new InputStreamReader(in, US_ASCII)).readLine();
                    out.write(("echo " + line + "\n").getBytes(US_ASCII));
                    out.flush();
                    c.startHandshake();               // TLS 1.3: a KeyUpdate that asks for ours in return
                    out.write(toClient);
                    out.flush();
                    byte[] got = in.readNBytes(size);
                    return sha256(got);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", jdkServer.getLocalPort());
            Task<String> client = s.launch(() -> {
                try (TlsSocket tls = TlsSocket.client(TcpSocket.connect(address), clientContext, "localhost")) {
                    tls.write(ByteBuffer.wrap("hello\n".getBytes(US_ASCII)));
                    ByteBuffer line = ByteBuffer.allocate(11);
                    while (line.hasRemaining()) {
                        assertTrue(tls.read(line) > 0);
                    }
                    assertArrayEquals(toClientDigest, exchange(tls, toServer, size));
                    return new String(line.array(), US_ASCII) + tls.session().getCipherSuite().startsWith("TLS_");
                }
            });
            assertEquals("echo hello\ntrue", client.join());
            assertArrayEquals(sha256(toServer), serverReceived.get(60, TimeUnit.SECONDS));
        }
    }

    /**
     * The JDK's blocking TLS client against our server; mid-stream it renegotiates (TLS 1.2) or sends a
     * key update (TLS 1.3), which our server's reader must answer.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void ourServerTalksToTheJdkSslSocket(String protocol) throws Exception {
        int size = 2 << 20;
        byte[] payload = pattern(size, 11);
        try (Scheduler s = Scheduler.create(2); TcpServerSocket listener = TcpServerSocket.bind(LOOPBACK)) {
            Task<String> server = s.launch(() -> {
                try (TlsSocket tls = TlsSocket.server(listener.accept(), serverContext)) {
                    ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
                    long total = 0;
                    int n;
                    while ((n = tls.read(buf)) >= 0) {     // echo everything
                        if (total >>> 20 != (total + n) >>> 20) {
                            Coroutines.yieldNow();
                        }
                        total += n;
                        buf.flip();
                        tls.write(buf);
                        buf.clear();
                    }
                    return tls.session().getProtocol() + " echoed " + total;
                }
            });
            SSLContext jdkClient = certs.jdkClientContext();
            try (SSLSocket c = (SSLSocket) jdkClient.getSocketFactory().createSocket("127.0.0.1",
                    listener.localAddress().getPort())) {
                c.setEnabledProtocols(new String[] {protocol});
                c.setSoTimeout(60_000);
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                out.write("first".getBytes(US_ASCII));
                out.flush();
                assertEquals("first", new String(in.readNBytes(5), US_ASCII));
                c.startHandshake();
                CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> {
                    try {
                        return in.readNBytes(size);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                out.write(payload);
                out.flush();
                assertArrayEquals(payload, echoed.get(60, TimeUnit.SECONDS));
                c.close();
            }
            assertEquals(protocol + " echoed " + (size + 5), server.join());
        }
    }
}
