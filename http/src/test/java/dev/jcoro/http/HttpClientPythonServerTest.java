package dev.jcoro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our client against Python's http.server: keep-alive with Content-Length, and HTTP/1.0 bodies that end at close. */
class HttpClientPythonServerTest {
    private static Process python;
    private static String base;

    private static final String SCRIPT = String.join("\n",
            "import http.server, sys",
            "class H(http.server.BaseHTTPRequestHandler):",
            "    protocol_version = 'HTTP/1.1'",
            "    def log_message(self, *a): pass",
            "    def do_GET(self):",
            "        if self.path == '/until-close':",
            "            self.protocol_version = 'HTTP/1.0'",
            "            self.send_response(200); self.send_header('Connection', 'close'); self.end_headers()",
            "            self.wfile.write(b'y' * 70000); self.close_connection = True; return",
            "        body = ('hello ' + str(self.client_address[1])).encode()",
            "        self.send_response(200); self.send_header('Content-Length', str(len(body))); self.end_headers()",
            "        self.wfile.write(body)",
            "    def do_POST(self):",
            "        n = int(self.headers['Content-Length']); body = self.rfile.read(n)",
            "        self.send_response(201); self.send_header('Content-Length', str(len(body))); self.end_headers()",
            "        self.wfile.write(body)",
            "s = http.server.ThreadingHTTPServer(('127.0.0.1', 0), H)",
            "print(s.server_address[1], flush=True)",
            "s.serve_forever()",
            "");

    @BeforeAll
    static void start() throws Exception {
        ExternalProcess.requireOnPath("python3", "python3");
        python = new ProcessBuilder("python3", "-c", SCRIPT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String port = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        assertNotNull(port, "python's http.server did not start");
        base = "http://127.0.0.1:" + port.trim();
    }

    @AfterAll
    static void stop() throws Exception {
        python.destroy();
        python.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void keepAliveAgainstPython() throws Exception {
        try (HttpClient client = HttpClient.builder().build()) {
            String first = client.send(ClientRequest.get(base + "/a")).bodyText();
            String second = client.send(ClientRequest.get(base + "/b")).bodyText();
            assertEquals(first, second, "the same client port answered both, so the connection was reused");
        }
    }

    @Test
    void bodyUntilCloseAgainstPython() throws Exception {
        try (HttpClient client = HttpClient.builder().build()) {
            ClientResponse r = client.send(ClientRequest.get(base + "/until-close"));
            assertEquals(70000, r.body().length);
            assertEquals(0, client.idleConnections(), "a body framed by close leaves nothing to pool");
            assertEquals(List.of(201, "ping"), List.of(client.send(ClientRequest.post(base + "/p", "ping".getBytes(StandardCharsets.US_ASCII))).status(),
                    client.send(ClientRequest.post(base + "/p", "ping".getBytes(StandardCharsets.US_ASCII))).bodyText()));
        }
    }
}
