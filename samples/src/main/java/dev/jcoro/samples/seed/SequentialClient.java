package dev.jcoro.samples.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The seed's first way: plain blocking sockets, one request after the other. N requests take N seconds. */
final class SequentialClient {
    private SequentialClient() {
    }

    static List<String> fetchAll(InetSocketAddress server, int n) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try (Socket s = new Socket()) {
                s.connect(server);
                OutputStream out = s.getOutputStream();
                out.write(Http.request("/").array());
                out.flush();
                InputStream in = s.getInputStream();
                bodies.add(Http.body(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return bodies;
    }
}
