package dev.jcoro.samples.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Starts the upload server exactly as DESIGN.md's command line does — the packaged samples jar, the agent,
 * nothing else on the class path — in a child JVM from the repository root, and talks to it over HTTP
 * with the JDK's client and with curl, as the acceptance checks will, on H2 and on MariaDB. Runs after {@code package}
 * (failsafe), when the jar and its {@code lib/} exist.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UploadServerCommandLineIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void withH2() throws Exception {
        Path work = Files.createTempDirectory("jcoro-upload-it");
        serveAndStop(work, "jdbc:h2:file:" + work.resolve("db").resolve("uploads"));
    }

    @Test
    void withMariaDb() throws Exception {
        try (MariaDbProcess mariadb = MariaDbProcess.start()) {
            serveAndStop(Files.createTempDirectory("jcoro-upload-it"), mariadb.url());
        }
    }

    /** Starts the server on {@code db}, uploads with the JDK client and curl, lists, and stops it with SIGTERM. */
    private static void serveAndStop(Path work, String db) throws Exception {
        Path files = work.resolve("files");
        Path log = work.resolve("server.log");
        Process server = null;
        try (RedisProcess redis = RedisProcess.start()) {
            redis.session("it-token", "carol");
            int port = Programs.freePort();
            server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-javaagent:instrument/target/jcoro-agent.jar", "-cp", "samples/target/jcoro-samples.jar",
                    "dev.jcoro.samples.upload.UploadServer", "--port", Integer.toString(port), "--redis", redis.uri(),
                    "--db", db, "--dir", files.toString(),
                    "--max-bytes", "1000000")
                    .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitListening(server, log, "listening on http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = URI.create("http://127.0.0.1:" + port);

            HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/upload"))
                    .header("Authorization", "Bearer it-token").header("X-File-Name", "notes.txt")
                    .POST(BodyPublishers.ofString("hello, uploads")).build(), BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            Map<String, Object> row = JsonText.object(created.body());
            assertEquals("carol", row.get("user"));
            assertEquals(14L, row.get("size"));
            assertEquals(SeededBytes.sha256(new java.io.ByteArrayInputStream("hello, uploads".getBytes(StandardCharsets.UTF_8))),
                    row.get("sha256"));
            Path stored = Path.of((String) row.get("path"));
            assertEquals(files.toRealPath(), stored.getParent());
            assertEquals("hello, uploads", Files.readString(stored));

            Path upload = work.resolve("body.bin");
            try (var out = Files.newOutputStream(upload)) {
                new SeededBytes(3, 600_000).transferTo(out);
            }
            String curled = curl("-sS", "-H", "Authorization: Bearer it-token", "-H", "Transfer-Encoding: chunked",
                    "--data-binary", "@" + upload, base.resolve("/upload").toString());
            assertEquals(SeededBytes.sha256(3, 600_000), JsonText.object(curled).get("sha256"), curled);
            assertEquals("401", curl("-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer nobody",
                    "--data-binary", "@" + upload, base.resolve("/upload").toString()));
            Files.write(upload, new byte[1_000_001]);
            assertEquals("413", curl("-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer it-token",
                    "--data-binary", "@" + upload, base.resolve("/upload").toString()));

            HttpResponse<String> list = http.send(HttpRequest.newBuilder(base.resolve("/files")).GET().build(),
                    BodyHandlers.ofString());
            assertEquals(200, list.statusCode());
            List<Map<String, Object>> rows = JsonText.arrayOfObjects(list.body());
            assertEquals(2, rows.size(), list.body());
            assertEquals(row, rows.get(0));
            try (Stream<Path> entries = Files.list(files)) {
                assertEquals(rows.stream().map(r -> (String) r.get("path")).collect(Collectors.toSet()),
                        entries.map(Path::toString).collect(Collectors.toSet()), "the directory holds exactly the listed files");
            }

            // SIGTERM with an upload stuck mid-body: the server waits for it (its grace), then drops it, and the
            // half-written temporary file goes with it.
            try (RawHttp stuck = RawHttp.connect(new InetSocketAddress("127.0.0.1", port))) {
                stuck.uploadHead("it-token", "Content-Length: 500000", "X-File-Name: stuck.bin");
                stuck.send(new byte[100_000]);
                awaitDotFile(files);
                server.destroy();
                assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server did not exit within 60 s of SIGTERM:\n"
                        + Programs.tail(log, 40));
            }
            assertEquals(143, server.exitValue(), Programs.tail(log, 40));
            try (Stream<Path> entries = Files.list(files)) {
                assertEquals(rows.stream().map(r -> (String) r.get("path")).collect(Collectors.toSet()),
                        entries.map(Path::toString).collect(Collectors.toSet()), "after SIGTERM mid-upload");
            }
        } finally {
            if (server != null && server.isAlive()) {
                Programs.stop(server, 5);
            }
            Programs.deleteTree(work);
        }
    }

    private static void awaitDotFile(Path dir) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.anyMatch(p -> p.getFileName().toString().startsWith("."))) {
                    return;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no temporary file appeared for the upload in progress");
            Programs.pause(20);
        }
    }

    private static void awaitListening(Process server, Path log, String line) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log, StandardCharsets.ISO_8859_1).contains(line)) {
            assertTrue(server.isAlive(), "the upload server exited at start:\n" + Programs.tail(log, 40));
            assertTrue(System.nanoTime() < deadline, "the upload server did not listen within 60 s:\n" + Programs.tail(log, 40));
            Programs.pause(50);
        }
    }

    private static String curl(String... args) throws IOException, InterruptedException {
        Path binary = Programs.find("curl", "curl");
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl did not finish");
        assertEquals(0, p.exitValue(), "curl " + String.join(" ", args) + " failed: " + out);
        return out;
    }
}
