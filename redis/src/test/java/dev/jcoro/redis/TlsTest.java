package dev.jcoro.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Task;
import dev.jcoro.net.TlsContexts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss://} against {@code redis-server --tls-port}, with a self-signed certificate for 127.0.0.1
 * made at test time by the JDK's keytool.
 */
class TlsTest {
    private static Path dir;
    private static Path certificate;
    private static RedisServer server;

    @BeforeAll
    static void startServer() throws Exception {
        dir = Files.createTempDirectory("jcoro-redis-certs");
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "redis", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("keytool could not make the test certificate: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        certificate = dir.resolve("server.pem");
        Certificate cert = ks.getCertificate("redis");
        Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()));
        Path key = dir.resolve("server.key");
        Files.writeString(key, pem("PRIVATE KEY", ks.getKey("redis", "changeit".toCharArray()).getEncoded()));
        server = RedisServer.startTls(certificate, key);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    void commandsPipelineOverTls() throws Exception {
        SSLContext trust = TlsContexts.client(certificate);
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(RedisOptions.builder(server.uri()).sslContext(trust).build())) {
                List<Task<String>> tasks = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int id = i;
                    tasks.add(Coroutines.launch(() -> {
                        c.set("tls:" + id, "v" + id);
                        return c.get("tls:" + id);
                    }));
                }
                for (int i = 0; i < tasks.size(); i++) {
                    assertEquals("v" + i, tasks.get(i).join());
                }
                String big = "x".repeat(200_000);
                c.set("tls:big", big);
                assertEquals(big, c.get("tls:big"));
                try (Subscription sub = c.subscribe("tls-news")) {
                    c.publish("tls-news", "encrypted");
                    assertEquals("encrypted", sub.messages().receive().text());
                }
            }
            return null;
        });
    }

    @Test
    void untrustedServerCertificateFailsTheConnect() throws Exception {
        RedisConnectionException e = Coroutines.run(() -> Expect.thrown(RedisConnectionException.class,
                () -> RedisClient.connect(server.uri())));
        assertTrue(e.getMessage().startsWith("cannot connect to rediss 127.0.0.1:" + server.port()), e.getMessage());
        assertInstanceOf(SSLHandshakeException.class, e.getCause());
    }
}
