package dev.jcoro.redis;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for tests: started on a free loopback port with persistence off and a
 * temporary directory, stopped (and its directory removed) by {@link #close()}. If it cannot start, the
 * test fails with a message saying why; it never skips.
 */
final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final List<String> extraArgs;
    private final int port;
    private final boolean tls;
    private Process process;

    private RedisServer(Path dir, int port, boolean tls, List<String> extraArgs) {
        this.dir = dir;
        this.port = port;
        this.tls = tls;
        this.extraArgs = extraArgs;
    }

    /**
     * Starts a server.
     *
     * @param extraArgs more {@code --option value} arguments
     * @return the running server
     */
    static RedisServer start(String... extraArgs) {
        try {
            RedisServer server = new RedisServer(Files.createTempDirectory("jcoro-redis-test"), freePort(), false,
                    List.of(extraArgs));
            server.launch();
            return server;
        } catch (IOException e) {
            throw new AssertionError("cannot start redis-server for the test: " + e, e);
        }
    }

    /**
     * Starts a server that accepts only TLS on its port, with the certificate and key given as PEM files.
     *
     * @param certificate the server's certificate chain
     * @param key its private key (PKCS#8)
     * @return the running server
     */
    static RedisServer startTls(Path certificate, Path key) {
        try {
            RedisServer server = new RedisServer(Files.createTempDirectory("jcoro-redis-tls-test"), freePort(), true,
                    List.of("--tls-cert-file", certificate.toString(), "--tls-key-file", key.toString(),
                            "--tls-ca-cert-file", certificate.toString(), "--tls-auth-clients", "no"));
            server.launch();
            return server;
        } catch (IOException e) {
            throw new AssertionError("cannot start redis-server with TLS for the test: " + e, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts the process on this server's port and waits until it answers PING. */
    void launch() throws IOException {
        String binary = findBinary();
        List<String> command = new ArrayList<>(List.of(binary, "--port", tls ? "0" : Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no"));
        if (tls) {
            command.addAll(List.of("--tls-port", Integer.toString(port)));
        }
        command.addAll(extraArgs);
        File log = dir.resolve("redis.log").toFile();
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server exited at start with status " + process.exitValue() + "; its output:\n"
                        + Files.readString(log.toPath()));
            }
            if (answersPing()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for redis-server", e);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("redis-server did not answer PING on port " + port + " within 15 s; its output:\n"
                + Files.readString(log.toPath()));
    }

    private static String findBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, "redis-server");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        throw new AssertionError("redis-server is not installed (not on PATH): these tests need a real Redis; install"
                + " the Debian package redis-server (apt-get install -y redis-server), as .ci/run does");
    }

    /** Over TLS, accepting connections is taken as ready: the port opens once the server is up. */
    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            if (tls) {
                return true;
            }
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[64];
            int n = s.getInputStream().read(reply);
            String text = n > 0 ? new String(reply, 0, n, StandardCharsets.US_ASCII) : "";
            // A server with a password answers -NOAUTH: it is up all the same.
            return text.startsWith("+PONG") || text.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    String uri() {
        return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the server vanishes without closing anything gracefully. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP or SIGCONT: the server stops answering while its connections stay open, then resumes. */
    void signal(String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            signal("CONT");
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
