package dev.jcoro.samples.seed;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.http.ClientRequest;
import dev.jcoro.http.ClientResponse;
import dev.jcoro.http.HttpClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's third way: straight-line code, one coroutine per request, through jcoro-http's client. Reads
 * like the sequential client, runs like the callback client.
 */
final class CoroutineClient {
    private CoroutineClient() {
    }

    /**
     * The request every coroutine sends. It names the endpoint by its IP address, as the other two ways connect
     * to it: a host name would be looked up once per connection, off the loop, ten thousand times at N = 10,000.
     */
    static ClientRequest request(InetSocketAddress server) {
        return ClientRequest.get("http://" + server.getAddress().getHostAddress() + ":" + server.getPort() + "/");
    }

    @Suspendable
    static String fetch(HttpClient client, ClientRequest request) throws IOException {
        ClientResponse response = client.send(request);
        if (response.status() != 200) {
            throw new IOException("unexpected response: " + response);
        }
        return response.bodyText();
    }

    static List<String> fetchAll(InetSocketAddress server, int n) throws Exception {
        ClientRequest request = request(server);
        // One connection per concurrent request, as the other two ways open.
        try (HttpClient client = HttpClient.builder().maxConnectionsPerHost(n).build()) {
            return Coroutines.run(() -> {
                List<Task<String>> tasks = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    tasks.add(Coroutines.launch(() -> fetch(client, request)));
                }
                List<String> bodies = new ArrayList<>();
                for (Task<String> t : tasks) {
                    bodies.add(t.join());
                }
                return bodies;
            });
        }
    }
}
