package dev.jcoro.http;

import static dev.jcoro.http.ExternalProcess.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server against clients nobody here wrote: curl, Python's http.client, the JDK's HttpClient. */
class RealClientsTest {
    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.builder().limits(TestServer.LIMITS.withMaxBodySize(4 * 1024 * 1024)).start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void curlGet() throws Exception {
        assertEquals("hello", run(List.of("curl", "-sS", "--fail", base + "/hello"), "curl"));
    }

    @Test
    void curlHeadAndStatusCodes() throws Exception {
        String out = run(List.of("curl", "-sS", "-I", base + "/hello"), "curl");
        ExternalProcess.assertContains(out, "Content-Length: 5");
        assertEquals("405", run(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", base + "/hello"), "curl"));
        assertEquals("404", run(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", base + "/nope"), "curl"));
    }

    @Test
    void curlPostsABody(@TempDir Path dir) throws Exception {
        Path file = randomFile(dir, 3_000_000);
        Path echoed = dir.resolve("echoed");
        run(List.of("curl", "-sS", "--fail", "--data-binary", "@" + file, "-o", echoed.toString(), base + "/echo"), "curl");
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(echoed));
    }

    @Test
    void curlChunkedUploadWithExpectContinue(@TempDir Path dir) throws Exception {
        Path file = randomFile(dir, 2_000_000);
        Path echoed = dir.resolve("echoed");
        run(List.of("curl", "-sS", "--fail", "-H", "Transfer-Encoding: chunked", "-H", "Expect: 100-continue",
                "--data-binary", "@" + file, "-o", echoed.toString(), base + "/echo"), "curl");
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(echoed));
    }

    @Test
    void curlReusesTheConnection() throws Exception {
        // num_connects is 0 for a transfer that reused an open connection.
        String out = run(List.of("curl", "-sS", "-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null",
                "-w", "%{num_connects} ", base + "/hello", base + "/files/3", base + "/hello"), "curl");
        assertEquals("1 0 0 ", out);
    }

    @Test
    void curlHttp10() throws Exception {
        assertEquals("hello", run(List.of("curl", "-sS", "--fail", "--http1.0", base + "/hello"), "curl"));
    }

    @Test
    void pythonHttpClient() throws Exception {
        String script = String.join("\n",
                "import http.client, sys",
                "c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]), timeout=10)",
                "c.request('GET', '/hello'); r = c.getresponse(); print(r.status, r.read().decode())",
                "c.request('POST', '/echo', body=b'x' * 5000); r = c.getresponse(); print(r.status, len(r.read()))",
                "c.request('POST', '/echo', body=iter([b'ab', b'cd', b'ef']), encode_chunked=True,"
                        + " headers={'Transfer-Encoding': 'chunked'}); r = c.getresponse(); print(r.status, r.read().decode())",
                "c.request('GET', '/stream'); r = c.getresponse(); print(r.status, r.read().decode().replace(chr(10), ','))",
                "c.request('HEAD', '/hello'); r = c.getresponse(); print(r.status, r.getheader('Content-Length'), r.read())",
                "c.request('GET', '/files/a%20b?q=%C3%A9'); r = c.getresponse(); print(r.status, r.read().decode())",
                "print('socket reused' if c.sock is not None else 'socket closed')",
                "");
        String out = run(List.of("python3", "-c", script, String.valueOf(server.port())), "python3");
        assertEquals(String.join("\n",
                "200 hello",
                "200 5000",
                "200 abcdef",
                "200 part0,part1,part2,",
                "200 5 b''",
                "200 file a b q=é",
                "socket reused",
                ""), out);
    }

    @Test
    void jdkHttpClient() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> hello = client.send(HttpRequest.newBuilder(URI.create(base + "/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, hello.statusCode());
        assertEquals("hello", hello.body());
        byte[] payload = new byte[100_000];
        new Random(1).nextBytes(payload);
        HttpResponse<byte[]> echo = client.send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(payload, echo.body());
        HttpResponse<String> streamed = client.send(HttpRequest.newBuilder(URI.create(base + "/stream")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("part0\npart1\npart2\n", streamed.body());
        List<CompletableFuture<HttpResponse<String>>> concurrent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            concurrent.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/sleep?ms=100")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : concurrent) {
            assertEquals("slept", f.get().body());
        }
    }

    private static Path randomFile(Path dir, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve("payload-" + size), bytes);
    }
}
