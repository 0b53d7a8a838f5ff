package dev.jcoro.samples.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The upload flow end to end against real servers — redis-server for the sessions, a real database
 * chosen by the subclass — with the server started in this JVM: what is stored is exactly what was sent,
 * and whatever goes wrong (no session, a cut body, a body too large, a failed insert) leaves no file, no
 * temporary file and no row. After every test, the directory holds exactly the files the table lists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
abstract class UploadFlowContract {
    static final long MAX_BYTES = 8L * 1024 * 1024;
    private static final String ALICE = "alice-token";
    private static final String BOB = "bob-token";

    private Path work;
    private RedisProcess redis;
    private UploadServer server;
    private HttpClient http;

    /** Starts the database if it needs a process, and returns the server's {@code --db} URL. */
    abstract String startDatabase(Path work) throws Exception;

    /** Makes inserts fail (the table disappears under the server). */
    abstract void breakTable() throws Exception;

    /** Undoes {@link #breakTable()}. */
    abstract void repairTable() throws Exception;

    /** Stops what {@link #startDatabase} started. */
    abstract void stopDatabase();

    @BeforeAll
    void startServers() throws Exception {
        work = Files.createTempDirectory("jcoro-upload-test");
        redis = RedisProcess.start();
        redis.session(ALICE, "alice");
        redis.session(BOB, "bob ∂ \"quoted\"");
        String db = startDatabase(work);
        server = UploadServer.start(new UploadOptions(0, redis.uri(), db, work.resolve("files"), MAX_BYTES));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    void stopServers() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            stopDatabase();
            if (redis != null) {
                redis.close();
            }
            Programs.deleteTree(work);
        }
    }

    @AfterEach
    void directoryHoldsExactlyTheListedFiles() throws Exception {
        awaitNoTemporaryFiles();
        Set<String> listed = new HashSet<>();
        for (Map<String, Object> row : files()) {
            listed.add((String) row.get("path"));
        }
        assertEquals(listed, visibleFiles(), "files in " + server.directory() + " against the rows of GET /files");
    }

    @Test
    void concurrentUploadsAreStoredWholeWithTheirHash() throws Exception {
        int count = 200;
        Random random = new Random(42);
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Mostly small, some medium, a few large: ~70 MiB in all, so two cores finish in seconds.
            int kind = i % 40;
            long size = kind == 0 ? 2 * 1024 * 1024 + random.nextInt(6 * 1024 * 1024)
                    : kind < 4 ? 256 * 1024 + random.nextInt(2 * 1024 * 1024) : random.nextInt(256 * 1024);
            sizes.add(size);
        }
        sizes.set(1, MAX_BYTES);    // exactly the limit is allowed
        sizes.set(2, 0L);           // and an empty file
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(SeededBytes.sha256(i, sizes.get(i)));
        }
        int before = files().size();

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seed = i;
            long size = sizes.get(i);
            BodyPublisher streamed = BodyPublishers.ofInputStream(() -> new SeededBytes(seed, size));
            // Half with Content-Length, half chunked.
            BodyPublisher body = i % 2 == 0 ? streamed
                    : size == 0 ? BodyPublishers.noBody() : BodyPublishers.fromPublisher(streamed, size);
            responses.add(http.sendAsync(upload(i % 3 == 0 ? BOB : ALICE).header("X-File-Name", "file-" + i + ".bin")
                    .POST(body).build(), BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(240, TimeUnit.SECONDS);

        Map<Long, Map<String, Object>> rows = files().stream()
                .collect(Collectors.toMap(r -> (Long) r.get("id"), r -> r));
        assertEquals(before + count, rows.size());
        for (int i = 0; i < count; i++) {
            HttpResponse<String> r = responses.get(i).get();
            assertEquals(201, r.statusCode(), "upload " + i + ": " + r.body());
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(null));
            Map<String, Object> u = JsonText.object(r.body());
            String what = "upload " + i + " of " + sizes.get(i) + " bytes";
            assertEquals(expected.get(i), u.get("sha256"), what);
            assertEquals(sizes.get(i), u.get("size"), what);
            assertEquals(i % 3 == 0 ? "bob ∂ \"quoted\"" : "alice", u.get("user"), what);
            Path stored = Path.of((String) u.get("path"));
            assertTrue(stored.isAbsolute(), what + ": path " + stored);
            assertEquals(server.directory(), stored.getParent(), what);
            assertTrue(stored.getFileName().toString().endsWith("-file-" + i + ".bin"), what + ": " + stored);
            assertEquals(sizes.get(i), Files.size(stored), what);
            assertEquals(expected.get(i), SeededBytes.sha256(Files.newInputStream(stored)), what + ": the file on disk");
            assertEquals(u, rows.get((Long) u.get("id")), what + ": its row in GET /files");
        }
    }

    @Test
    void noSessionIs401BeforeTheBodyIsRead() throws Exception {
        int before = files().size();
        for (String token : new String[] {null, "unknown-token", ""}) {
            try (RawHttp raw = RawHttp.connect(server.address())) {
                // A large body announced, none sent, and 100-continue asked: the answer must come without it.
                raw.uploadHead(token, "Content-Length: " + MAX_BYTES, "Expect: 100-continue");
                RawHttp.Response r = raw.response();
                assertEquals(401, r.status(), "token " + token + ": " + r.statusLine());
                assertTrue(r.headers().contains("WWW-Authenticate: Bearer"), r.headers());
            }
        }
        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(uri("/upload")).header("Authorization", "Basic YWxpY2U6eA==")
                .POST(BodyPublishers.ofString("hello")).build(), BodyHandlers.ofString());
        assertEquals(401, basic.statusCode());
        assertEquals(before, files().size());
        assertEquals(Set.of(), temporaryFiles());
    }

    @Test
    void cutUploadsLeaveNothingBehind() throws Exception {
        int before = files().size();
        byte[] slice = new byte[64 * 1024];
        try (RawHttp raw = RawHttp.connect(server.address())) {
            raw.uploadHead(ALICE, "Content-Length: " + 4 * 1024 * 1024, "X-File-Name: cut-fixed.bin");
            for (int i = 0; i < 16; i++) {
                raw.send(slice);
            }
            awaitTemporaryFile();
        }
        awaitNoTemporaryFiles();
        try (RawHttp raw = RawHttp.connect(server.address())) {
            raw.uploadHead(ALICE, "Transfer-Encoding: chunked", "X-File-Name: cut-chunked.bin");
            for (int i = 0; i < 16; i++) {
                raw.chunk(slice);
            }
            awaitTemporaryFile();
            raw.reset();
        }
        awaitNoTemporaryFiles();
        assertEquals(before, files().size());
        assertTrue(visibleFiles().stream().noneMatch(p -> p.contains("cut-")), visibleFiles().toString());
    }

    @Test
    void announcedOversizeIs413BeforeTheBodyIsRead() throws Exception {
        int before = files().size();
        try (RawHttp raw = RawHttp.connect(server.address())) {
            raw.uploadHead(ALICE, "Content-Length: " + (MAX_BYTES + 1), "Expect: 100-continue");
            assertEquals(413, raw.response().status());
        }
        assertEquals(before, files().size());
        assertEquals(Set.of(), temporaryFiles());
    }

    @Test
    void chunkedOversizeIs413WhileStreaming() throws Exception {
        int before = files().size();
        try (RawHttp raw = RawHttp.connect(server.address())) {
            raw.uploadHead(ALICE, "Transfer-Encoding: chunked", "X-File-Name: too-big.bin");
            byte[] slice = new byte[64 * 1024];
            for (long sent = 0; sent < MAX_BYTES; sent += slice.length) {
                raw.chunk(slice);
            }
            raw.chunk(new byte[1]);    // one byte over, and nothing more: the server has read all it was sent
            RawHttp.Response r = raw.response();
            assertEquals(413, r.status(), r.statusLine() + "\n" + r.body());
        }
        assertEquals(before, files().size());
    }

    @Test
    void filesAreListedOldestFirst() throws Exception {
        List<Long> ids = new ArrayList<>();
        String[] tokens = {ALICE, BOB, ALICE};
        for (int i = 0; i < tokens.length; i++) {
            HttpResponse<String> r = http.send(upload(tokens[i]).header("X-File-Name", "order-" + i)
                    .POST(BodyPublishers.ofString("file " + i)).build(), BodyHandlers.ofString());
            assertEquals(201, r.statusCode(), r.body());
            ids.add((Long) JsonText.object(r.body()).get("id"));
        }
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(uri("/files")).GET().build(), BodyHandlers.ofString());
        assertEquals(200, list.statusCode());
        assertEquals("application/json", list.headers().firstValue("Content-Type").orElse(null));
        List<Map<String, Object>> rows = JsonText.arrayOfObjects(list.body());
        List<Long> all = rows.stream().map(r -> (Long) r.get("id")).collect(Collectors.toList());
        assertEquals(all.stream().sorted().collect(Collectors.toList()), all, "ids in GET /files");
        assertEquals(ids, all.subList(all.size() - 3, all.size()));
        for (int i = rows.size() - 2; i < rows.size(); i++) {
            String earlier = (String) rows.get(i - 1).get("createdAt");
            String later = (String) rows.get(i).get("createdAt");
            assertFalse(Instant.parse(later).isBefore(Instant.parse(earlier)), earlier + " then " + later);
        }
        Map<String, Object> last = rows.get(rows.size() - 1);
        assertEquals("alice", last.get("user"));
        assertEquals(SeededBytes.sha256(new ByteArrayInputStream("file 2".getBytes(StandardCharsets.UTF_8))), last.get("sha256"));
        assertEquals(6L, last.get("size"));
    }

    @Test
    void requestedNamesCannotLeaveTheDirectory() throws Exception {
        Set<Path> stored = new HashSet<>();
        for (String name : new String[] {"../../escape.txt", "..", "/etc/passwd", ".hidden", "a\\..\\b.txt", "naïve name.txt"}) {
            HttpResponse<String> r = http.send(upload(ALICE).header("X-File-Name", name)
                    .POST(BodyPublishers.ofString(name)).build(), BodyHandlers.ofString());
            assertEquals(201, r.statusCode(), name + ": " + r.body());
            Path p = Path.of((String) JsonText.object(r.body()).get("path"));
            assertEquals(server.directory(), p.getParent(), name);
            assertFalse(p.getFileName().toString().startsWith("."), name + " -> " + p);
            assertTrue(stored.add(p), "a name given twice: " + p);
        }
        assertFalse(Files.exists(work.resolve("escape.txt")));
        HttpResponse<String> again = http.send(upload(ALICE).header("X-File-Name", "same.txt")
                .POST(BodyPublishers.ofString("1")).build(), BodyHandlers.ofString());
        HttpResponse<String> twice = http.send(upload(ALICE).header("X-File-Name", "same.txt")
                .POST(BodyPublishers.ofString("2")).build(), BodyHandlers.ofString());
        assertNotEquals(JsonText.object(again.body()).get("path"), JsonText.object(twice.body()).get("path"));
    }

    @Test
    void failedInsertLeavesNoFile() throws Exception {
        int before = files().size();
        Set<String> visible = visibleFiles();
        breakTable();
        try {
            HttpResponse<String> r = http.send(upload(ALICE).header("X-File-Name", "not-recorded.bin")
                    .POST(BodyPublishers.ofInputStream(() -> new SeededBytes(7, 300_000))).build(), BodyHandlers.ofString());
            assertEquals(500, r.statusCode(), r.body());
            assertEquals(visible, visibleFiles());
            assertEquals(Set.of(), temporaryFiles());
        } finally {
            repairTable();
        }
        assertEquals(before, files().size());
    }

    private HttpRequest.Builder upload(String token) {
        return HttpRequest.newBuilder(uri("/upload")).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(120));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private List<Map<String, Object>> files() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/files")).GET().build(), BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JsonText.arrayOfObjects(r.body());
    }

    private Set<String> visibleFiles() throws IOException {
        try (Stream<Path> files = Files.list(server.directory())) {
            return files.filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(Path::toString).collect(Collectors.toSet());
        }
    }

    private Set<String> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(server.directory())) {
            return files.filter(p -> p.getFileName().toString().startsWith("."))
                    .map(Path::toString).collect(Collectors.toSet());
        }
    }

    /** Waits for the temporary file of an upload in progress: proof that the body is being streamed to disk. */
    private void awaitTemporaryFile() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (temporaryFiles().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no temporary file appeared while the body was streaming");
            Programs.pause(10);
        }
    }

    /** Waits until failed uploads are cleaned up; the server does it right after the connection fails. */
    private void awaitNoTemporaryFiles() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!temporaryFiles().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "temporary files left behind: " + temporaryFiles());
            Programs.pause(10);
        }
    }
}
