package dev.jcoro.net;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made at test time with the running JDK's {@code keytool}: a test authority (EC), two server
 * certificates it signed for {@code localhost} and {@code 127.0.0.1} (one RSA, one EC), and a self-signed
 * server certificate nobody trusts. Each server comes as a PKCS#12 store and as PEM files (the chain, and the
 * PKCS#8 key taken out of the store).
 */
final class TestCertificates {
    static final char[] PASSWORD = "changeit".toCharArray();

    final Path dir;
    final Path caPem;
    final Server rsa;
    final Server ec;
    final Server untrusted;

    /** One server identity: its key store and the same key and chain as PEM files. */
    record Server(Path keyStore, Path chainPem, Path keyPem) {
    }

    private TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        Path caStore = dir.resolve("ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=jcoro test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", caStore.toString());
        caPem = dir.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-file", caPem.toString());
        rsa = signedServer("rsa", "RSA", caStore);
        ec = signedServer("ec", "EC", caStore);
        Path selfSigned = dir.resolve("untrusted.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", selfSigned.toString());
        untrusted = exportPem("untrusted", selfSigned);
    }

    private static TestCertificates shared;

    /**
     * The certificates, made once per test JVM in a temporary directory removed at exit (keytool is slow to
     * start, and every TLS test class needs them); fails with keytool's output if they cannot be made.
     */
    static synchronized TestCertificates get() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("jcoro-tls-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            shared = new TestCertificates(dir);
        }
        return shared;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }

    private Server signedServer(String name, String keyAlgorithm, Path caStore) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Path csr = dir.resolve(name + ".csr");
        Path signed = dir.resolve(name + "-signed.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", keyAlgorithm, "-dname", "CN=localhost",
                "-validity", "2", "-keystore", store.toString());
        keytool("-certreq", "-alias", "server", "-keystore", store.toString(), "-file", csr.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-infile", csr.toString(),
                "-outfile", signed.toString(), "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", store.toString());
        keytool("-importcert", "-alias", "server", "-file", signed.toString(), "-keystore", store.toString());
        return exportPem(name, store);
    }

    /** Writes the store's chain and its key (PKCS#8, as {@code openssl pkcs8} writes it) as PEM files. */
    private Server exportPem(String name, Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance(store.toFile(), PASSWORD);
        Key key = ks.getKey("server", PASSWORD);
        List<String> chain = new ArrayList<>();
        for (java.security.cert.Certificate c : ks.getCertificateChain("server")) {
            chain.add(pem("CERTIFICATE", c.getEncoded()));
        }
        Path chainPem = dir.resolve(name + "-chain.pem");
        Path keyPem = dir.resolve(name + "-key.pem");
        Files.writeString(chainPem, String.join("", chain), US_ASCII);
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()), US_ASCII);
        return new Server(store, chainPem, keyPem);
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** A server context built with the JDK's own classes only, for the JDK's SSLServerSocket and our server alike. */
    static SSLContext jdkServerContext(Server server) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(KeyStore.getInstance(server.keyStore().toFile(), PASSWORD), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** A client context trusting the test authority, built with the JDK's own classes only. */
    SSLContext jdkClientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(caPem)));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), US_ASCII);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish in 60 s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("cannot make the test certificates: keytool exited with " + p.exitValue() + ": "
                    + command + "\n" + output);
        }
    }
}
