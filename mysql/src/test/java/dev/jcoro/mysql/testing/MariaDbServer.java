package dev.jcoro.mysql.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway MariaDB server for tests: a fresh data directory from {@code mariadb-install-db}, then
 * {@code mariadbd} on a free loopback port with TLS from a certificate made at start, the test users and
 * database created through its Unix socket with the {@code mariadb} client. {@link #close()} stops it and
 * deletes the directory.
 *
 * <p>Starting fails with an {@link IOException} that names the step and quotes the server's log, so a test
 * that needs the server fails with the reason instead of passing or being skipped.
 */
public final class MariaDbServer implements AutoCloseable {
    /** The database the test users own. */
    public static final String DATABASE = "jcoro_test";
    /** A user with {@code mysql_native_password}. */
    public static final String USER = "jcoro";
    /** The password of {@link #USER}. */
    public static final String PASSWORD = "jcoro-pw ü";
    /** A user that may only log in over TLS. */
    public static final String TLS_USER = "jcoro_tls";
    /** The password of {@link #TLS_USER}. */
    public static final String TLS_PASSWORD = "tls-pw";
    /** A user without a password. */
    public static final String NO_PASSWORD_USER = "jcoro_nopw";
    /** A user authenticated by MariaDB's {@code client_ed25519} plugin. */
    public static final String ED25519_USER = "jcoro_ed";
    /** The password of {@link #ED25519_USER}. */
    public static final String ED25519_PASSWORD = "ed-secret";

    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final String KEYSTORE_PASSWORD = "changeit";

    private final Path dir;
    private final Process process;
    private final int port;
    private final Duration startTime;
    private final String version;
    private final String phases;

    private MariaDbServer(Path dir, Process process, int port, Duration startTime, String version, String phases) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.startTime = startTime;
        this.version = version;
        this.phases = phases;
    }

    /**
     * Installs a data directory and starts a server on a free loopback port, waiting until it accepts
     * connections and the test users exist. Call from a plain thread; it blocks for about a second.
     *
     * @return the running server
     * @throws IOException if a program is missing or a step fails; the message quotes the server's log
     */
    public static MariaDbServer start() throws IOException {
        long t0 = System.nanoTime();
        Path mariadbd = program("mariadbd");
        Path installDb = program("mariadb-install-db");
        Path client = program("mariadb");
        Path dir = Files.createTempDirectory("jcoro-mariadb-");
        Process server = null;
        try {
            // The certificate takes a JVM start (keytool); make it while the data directory is installed.
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-keystore", dir.resolve("server.p12").toString(), "-storetype", "PKCS12",
                    "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
            run(dir, "mariadb-install-db", List.of(installDb.toString(), "--no-defaults",
                    "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal",
                    "--skip-test-db", "--user=" + System.getProperty("user.name")));
            long installed = System.nanoTime();
            await(keytool, dir.resolve("keytool.log"), "keytool");
            writePem(dir);
            long keyed = System.nanoTime();

            int port = freePort();
            Path log = dir.resolve("error.log");
            server = new ProcessBuilder(mariadbd.toString(), "--no-defaults",
                    "--datadir=" + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                    "--socket=" + dir.resolve("sock"), "--pid-file=" + dir.resolve("pid"),
                    "--user=" + System.getProperty("user.name"), "--log-error=" + log,
                    "--skip-name-resolve", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
                    "--max-allowed-packet=64M", "--max-connections=1000",
                    // Small and lazy storage: the tests measure the client, not the disk.
                    "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M",
                    "--innodb-flush-log-at-trx-commit=2", "--skip-log-bin",
                    "--ssl-cert=" + dir.resolve("cert.pem"), "--ssl-key=" + dir.resolve("key.pem"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile()).start();
            String version = setUp(client, dir, server);
            long up = System.nanoTime();
            String phases = String.format("install %d ms, certificate ready %d ms later, server up %d ms later",
                    (installed - t0) / 1_000_000, (keyed - installed) / 1_000_000, (up - keyed) / 1_000_000);
            return new MariaDbServer(dir, server, port, Duration.ofNanos(up - t0), version, phases);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                stop(server);
            }
            String logs = logTail(dir);
            deleteTree(dir);
            throw new IOException("the MariaDB test server did not start: " + e.getMessage() + logs, e);
        }
    }

    /** Creates the test users and database, retrying until the server answers on its socket. */
    private static String setUp(Path client, Path dir, Process server) throws IOException {
        String sql = String.join("\n",
                "CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4;",
                "CREATE USER '" + USER + "'@'%' IDENTIFIED VIA mysql_native_password USING PASSWORD('" + PASSWORD + "');",
                "CREATE USER '" + TLS_USER + "'@'%' IDENTIFIED BY '" + TLS_PASSWORD + "' REQUIRE SSL;",
                "CREATE USER '" + NO_PASSWORD_USER + "'@'%';",
                "INSTALL SONAME 'auth_ed25519';",
                "CREATE USER '" + ED25519_USER + "'@'%' IDENTIFIED VIA ed25519 USING PASSWORD('" + ED25519_PASSWORD + "');",
                "GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'%', '" + TLS_USER + "'@'%', '"
                        + NO_PASSWORD_USER + "'@'%', '" + ED25519_USER + "'@'%';",
                "SELECT VERSION();");
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        Path socket = dir.resolve("sock");
        while (true) {
            if (!server.isAlive()) {
                throw new IOException("mariadbd exited with status " + server.exitValue() + " while starting");
            }
            if (Files.exists(socket)) {
                Process p = new ProcessBuilder(client.toString(), "--no-defaults", "--socket=" + socket, "--user=root",
                        "--batch", "--skip-column-names", "--default-character-set=utf8mb4", "-e", sql)
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (waitFor(p) == 0) {
                    return out;
                }
                if (!out.contains("Can't connect")) {
                    throw new IOException("creating the test users failed: " + out);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("mariadbd did not accept connections within " + START_LIMIT.toSeconds() + " s");
            }
            sleep(25);
        }
    }

    /** The client address of the server. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** The TCP port. */
    public int port() {
        return port;
    }

    /** The server's self-signed certificate (PEM), which a TLS client must trust. */
    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    /** The server's TLS key store (PKCS#12, password {@code changeit}, alias {@code server}). */
    public Path keyStore() {
        return dir.resolve("server.p12");
    }

    /** How long {@link #start()} took, from nothing to a server with its users. */
    public Duration startTime() {
        return startTime;
    }

    /** Where the start time went, for the log line that reports it. */
    public String startPhases() {
        return phases;
    }

    /** The server's version string, e.g. {@code 10.11.19-MariaDB-0+deb12u1}. */
    public String version() {
        return version;
    }

    /** Tells whether the server process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the server process at once (SIGKILL), as a crash would; {@link #close()} still cleans up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 15 s) and deletes its directory. */
    @Override
    public void close() throws IOException {
        stop(process);
        deleteTree(dir);
    }

    @Override
    public String toString() {
        return "MariaDB " + version + " on 127.0.0.1:" + port + " (" + dir + ")";
    }

    /** The last lines of the server's log, for failure messages. */
    public String logTail() {
        return logTail(dir);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path program(String name) throws IOException {
        List<Path> places = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty()) {
                places.add(Path.of(d));
            }
        }
        places.add(Path.of("/usr/sbin"));
        places.add(Path.of("/usr/local/sbin"));
        for (Path d : places) {
            Path p = d.resolve(name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IOException(name + " is not on PATH nor in /usr/sbin: install MariaDB (Debian package mariadb-server)");
    }

    private static void run(Path dir, String what, List<String> command) throws IOException {
        Path out = dir.resolve(what + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        await(p, out, what);
    }

    private static void await(Process p, Path out, String what) throws IOException {
        int rc = waitFor(p);
        if (rc != 0) {
            throw new IOException(what + " exited with status " + rc + ":\n" + tail(out, 20));
        }
    }

    private static int waitFor(Process p) throws IOException {
        try {
            if (!p.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(p.info().command().orElse("a helper program") + " did not finish in time");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + p.info().command().orElse("a helper program"));
        }
    }

    /** Writes the key store's certificate and key as the PEM files mariadbd reads. */
    private static void writePem(Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, KEYSTORE_PASSWORD.toCharArray());
            Key key = ks.getKey("server", KEYSTORE_PASSWORD.toCharArray());
            Certificate cert = ks.getCertificate("server");
            Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("reading the generated key store: " + e, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String logTail(Path dir) {
        StringBuilder sb = new StringBuilder();
        for (String name : new String[] {"error.log", "server.out"}) {
            Path p = dir.resolve(name);
            if (Files.exists(p)) {
                sb.append("\n--- last lines of ").append(name).append(" ---\n").append(tail(p, 25));
            }
        }
        return sb.toString();
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for mariadbd");
        }
    }
}
