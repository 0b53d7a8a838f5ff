package dev.jcoro.samples.seed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's second way: a hand-written selector loop with callbacks. Fast, but the logic of one
 * request is torn into three callbacks (connected, writable, readable) and a state object.
 */
final class CallbackClient {
    private CallbackClient() {
    }

    /** The seed's {@code RequestHandler}: one request's state, advanced by the selector's callbacks. */
    private static final class RequestHandler {
        private final SocketChannel channel;
        private final ByteBuffer request = Http.request("/");
        private final ByteBuffer chunk = ByteBuffer.allocate(4096);
        private final ByteArrayOutputStream response = new ByteArrayOutputStream();
        private final List<String> results;

        RequestHandler(SocketChannel channel, List<String> results) {
            this.channel = channel;
            this.results = results;
        }

        void onConnectable(SelectionKey key) throws IOException {
            channel.finishConnect();
            key.interestOps(SelectionKey.OP_WRITE);
        }

        void onWritable(SelectionKey key) throws IOException {
            channel.write(request);
            if (!request.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        void onReadable(SelectionKey key) throws IOException {
            chunk.clear();
            int n = channel.read(chunk);
            if (n > 0) {
                response.write(chunk.array(), 0, n);
            } else if (n < 0) {
                key.cancel();
                channel.close();
                results.add(Http.body(response.toString(StandardCharsets.UTF_8)));
            }
        }
    }

    static List<String> fetchAll(InetSocketAddress server, int n) throws IOException {
        List<String> results = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < n; i++) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(server);
                channel.register(selector, SelectionKey.OP_CONNECT, new RequestHandler(channel, results));
            }
            while (results.size() < n) {
                selector.select(1000);
                for (SelectionKey key : selector.selectedKeys()) {
                    RequestHandler handler = (RequestHandler) key.attachment();
                    if (key.isValid() && key.isConnectable()) {
                        handler.onConnectable(key);
                    } else if (key.isValid() && key.isWritable()) {
                        handler.onWritable(key);
                    } else if (key.isValid() && key.isReadable()) {
                        handler.onReadable(key);
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        return results;
    }
}
