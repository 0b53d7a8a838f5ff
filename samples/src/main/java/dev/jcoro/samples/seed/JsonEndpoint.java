package dev.jcoro.samples.seed;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.net.TcpServerSocket;
import dev.jcoro.net.TcpSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The seed's server: every request waits one second (a {@code Coroutines.sleep}, so thousands wait at
 * once) and answers {@code {"name": "satori", "age": 16}}. One coroutine per connection.
 */
final class JsonEndpoint {
    private final Duration delay;

    JsonEndpoint(Duration delay) {
        this.delay = delay;
    }

    /** Accepts connections until the server socket is closed. */
    @Suspendable
    void serve(TcpServerSocket server) {
        Acceptor.serve(server, this::handle);
    }

    @Suspendable
    private void handle(TcpSocket client) {
        try (client) {
            String path = readHead(client);
            if (path == null) {
                return;
            }
            Coroutines.sleep(delay);
            client.write(Http.response(200, Http.BODY));
        } catch (IOException | RuntimeException dropped) {
            // A client that goes away or sends garbage costs only its own coroutine.
        }
    }

    @Suspendable
    static String readHead(TcpSocket client) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        StringBuilder head = new StringBuilder();
        while (head.length() < 8192) {
            buf.clear();
            int n = client.read(buf);
            if (n < 0) {
                return null;
            }
            head.append(new String(buf.array(), 0, n, StandardCharsets.US_ASCII));
            String path = Http.pathOf(head);
            if (path != null) {
                return path;
            }
        }
        throw new IllegalArgumentException("request head larger than 8 KiB");
    }
}
