package dev.jcoro.samples.seed;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.net.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's third way: straight-line code, one coroutine per request. Reads like the sequential
 * client, runs like the callback client.
 */
final class CoroutineClient {
    private CoroutineClient() {
    }

    @Suspendable
    static String fetch(InetSocketAddress server) throws IOException {
        try (TcpSocket socket = TcpSocket.connect(server)) {
            socket.write(Http.request("/"));
            ByteBuffer chunk = ByteBuffer.allocate(4096);
            StringBuilder response = new StringBuilder();
            while (socket.read(chunk.clear()) >= 0) {
                response.append(new String(chunk.array(), 0, chunk.position(), StandardCharsets.UTF_8));
            }
            return Http.body(response.toString());
        }
    }

    static List<String> fetchAll(InetSocketAddress server, int n) throws Exception {
        return Coroutines.run(() -> {
            List<Task<String>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(Coroutines.launch(() -> fetch(server)));
            }
            List<String> bodies = new ArrayList<>();
            for (Task<String> t : tasks) {
                bodies.add(t.join());
            }
            return bodies;
        });
    }
}
