package dev.jcoro.samples.seed;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The seed's first way: the JDK's blocking HTTP client, one request after the other. N requests take N seconds. */
final class SequentialClient {
    private SequentialClient() {
    }

    static List<String> fetchAll(InetSocketAddress server, int n) throws IOException {
        List<String> bodies = new ArrayList<>();
        URL url = new URL("http://" + server.getHostString() + ":" + server.getPort() + "/");
        for (int i = 0; i < n; i++) {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            try (InputStream in = connection.getInputStream()) {
                if (connection.getResponseCode() != 200) {
                    throw new IOException("unexpected status " + connection.getResponseCode());
                }
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return bodies;
    }
}
