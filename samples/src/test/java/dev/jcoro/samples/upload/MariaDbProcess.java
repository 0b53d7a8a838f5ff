package dev.jcoro.samples.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway MariaDB for the upload tests, started as the mysql module's fixture does: a fresh data
 * directory from {@code mariadb-install-db}, {@code mariadbd} on a free loopback port, and a user and
 * database created as root through the Unix socket with the {@code mariadb} client. {@link #close()} stops
 * it and deletes the directory. If it cannot start, the test fails with the step and the server's log.
 */
final class MariaDbProcess implements AutoCloseable {
    static final String DATABASE = "uploads_test";
    static final String USER = "uploader";
    static final String PASSWORD = "up-pw";

    private static final long START_LIMIT_SECONDS = 60;

    private final Path dir;
    private final Path client;
    private final Process process;
    private final int port;

    private MariaDbProcess(Path dir, Path client, Process process, int port) {
        this.dir = dir;
        this.client = client;
        this.process = process;
        this.port = port;
    }

    /**
     * Installs a data directory, starts the server and creates the user and database.
     *
     * @throws AssertionError if a program is missing or a step fails, quoting the server's log
     */
    static MariaDbProcess start() {
        Path dir = null;
        Process server = null;
        try {
            Path mariadbd = Programs.find("mariadbd", "mariadb-server");
            Path installDb = Programs.find("mariadb-install-db", "mariadb-server");
            Path client = Programs.find("mariadb", "mariadb-client");
            dir = Files.createTempDirectory("jcoro-upload-mariadb");
            String user = System.getProperty("user.name");
            run(dir, "mariadb-install-db", List.of(installDb.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--user=" + user));
            int port = Programs.freePort();
            server = new ProcessBuilder(mariadbd.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                    "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
                    "--pid-file=" + dir.resolve("pid"), "--user=" + user, "--log-error=" + dir.resolve("error.log"),
                    "--skip-name-resolve", "--character-set-server=utf8mb4", "--max-connections=500",
                    // Small and lazy storage: the tests exercise the server program, not the disk.
                    "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M",
                    "--innodb-flush-log-at-trx-commit=2", "--skip-log-bin")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile()).start();
            MariaDbProcess db = new MariaDbProcess(dir, client, server, port);
            db.awaitSetUp();
            return db;
        } catch (IOException | RuntimeException e) {
            String logs = dir == null ? "" : "\n--- error.log ---\n" + Programs.tail(dir.resolve("error.log"), 25);
            if (server != null) {
                Programs.stop(server, 15);
            }
            if (dir != null) {
                Programs.deleteTree(dir);
            }
            throw new AssertionError("cannot start MariaDB for the upload tests: " + e.getMessage() + logs, e);
        }
    }

    /** Creates the user and the database, retrying until the server answers on its socket. */
    private void awaitSetUp() throws IOException {
        String setUp = "CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4;"
                + "CREATE USER '" + USER + "'@'%' IDENTIFIED VIA mysql_native_password USING PASSWORD('" + PASSWORD + "');"
                + "GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'%';";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_LIMIT_SECONDS);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("mariadbd exited with status " + process.exitValue() + " while starting");
            }
            if (Files.exists(dir.resolve("sock"))) {
                try {
                    sql(setUp);
                    return;
                } catch (IOException e) {
                    if (!e.getMessage().contains("Can't connect")) {
                        throw e;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("mariadbd did not accept connections within " + START_LIMIT_SECONDS + " s");
            }
            Programs.pause(25);
        }
    }

    /** The upload server's {@code --db} for this database. */
    String url() {
        return "mysql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + DATABASE;
    }

    /**
     * Runs SQL as root with the {@code mariadb} command-line client, independent of the client under test.
     *
     * @return what the client printed (tab-separated rows, no column names)
     * @throws IOException with the client's output if it fails
     */
    String sql(String statements) throws IOException {
        Process p = new ProcessBuilder(client.toString(), "--no-defaults", "--socket=" + dir.resolve("sock"), "--user=root",
                "--batch", "--skip-column-names", "--default-character-set=utf8mb4", "-e", statements)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (waitFor(p) != 0) {
            throw new IOException("mariadb -e failed: " + out);
        }
        return out;
    }

    private static void run(Path dir, String what, List<String> command) throws IOException {
        Path out = dir.resolve(what + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        int rc = waitFor(p);
        if (rc != 0) {
            throw new IOException(what + " exited with status " + rc + ":\n" + Programs.tail(out, 20));
        }
    }

    private static int waitFor(Process p) throws IOException {
        try {
            if (!p.waitFor(START_LIMIT_SECONDS, TimeUnit.SECONDS)) {
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

    @Override
    public void close() {
        Programs.stop(process, 15);
        Programs.deleteTree(dir);
    }

    @Override
    public String toString() {
        return "MariaDB on 127.0.0.1:" + port + " (" + dir + ")";
    }
}
