package dev.jcoro.samples.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real {@code redis-server} for the upload tests: a free loopback port, no persistence, a temporary
 * directory; {@link #close()} stops it and removes the directory. Sessions are written with plain RESP over
 * a blocking socket, independent of the client under test. If it cannot start, the test fails saying why.
 */
final class RedisProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private RedisProcess(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a server and waits until it answers PING.
     *
     * @throws AssertionError if redis-server is missing or does not come up within 15 s, quoting its output
     */
    static RedisProcess start() {
        Path binary;
        try {
            binary = Programs.find("redis-server", "redis-server");
        } catch (IllegalStateException e) {
            throw new AssertionError("cannot start redis-server for the upload tests: " + e.getMessage());
        }
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("jcoro-upload-redis");
            int port = Programs.freePort();
            Path log = dir.resolve("redis.log");
            process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            RedisProcess redis = new RedisProcess(dir, port, process);
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("redis-server exited with status " + process.exitValue());
                }
                try {
                    if (redis.command("PING").equals("+PONG")) {
                        return redis;
                    }
                } catch (IOException notYet) {
                    Programs.pause(20);
                }
            }
            throw new IOException("redis-server did not answer PING within 15 s");
        } catch (IOException e) {
            String output = dir == null ? "" : "; its output:\n" + Programs.tail(dir.resolve("redis.log"), 20);
            if (process != null) {
                Programs.stop(process, 5);
            }
            if (dir != null) {
                Programs.deleteTree(dir);
            }
            throw new AssertionError("cannot start redis-server for the upload tests: " + e.getMessage() + output, e);
        }
    }

    /** The server's URI, {@code redis://127.0.0.1:PORT}. */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stores a session: the key {@code session:<token>} with the user name. */
    void session(String token, String user) throws IOException {
        String reply = command("SET", "session:" + token, user);
        if (!reply.equals("+OK")) {
            throw new IOException("SET session:" + token + " answered " + reply);
        }
    }

    /** Sends one command and returns the first line of the reply. */
    private String command(String... args) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(5000);
            StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
                resp.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    @Override
    public void close() {
        Programs.stop(process, 10);
        Programs.deleteTree(dir);
    }
}
