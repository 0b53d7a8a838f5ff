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
        private final ByteBuffer request = ByteBuffer.wrap(REQUEST);
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
                results.add(bodyOf(response.toString(StandardCharsets.UTF_8)));
            }
        }
    }

    /** Hand-written, as callback code is: one request that asks the server to close when it has answered. */
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    /** The body of a complete response read until close: what follows the blank line after a 200 head. */
    private static String bodyOf(String response) {
        int split = response.indexOf("\r\n\r\n");
        if (!response.startsWith("HTTP/1.1 200") || split < 0) {
            throw new IllegalStateException("unexpected response: " + response.lines().findFirst().orElse("<empty>"));
        }
        return response.substring(split + 4);
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
