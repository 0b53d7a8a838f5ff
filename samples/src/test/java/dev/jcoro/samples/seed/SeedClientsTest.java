package dev.jcoro.samples.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.http.ClientRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The seed demo's clients all get the endpoint's answer, every one of them. */
@Timeout(60)
class SeedClientsTest {
    private static final int N = 200;

    @Test
    void coroutineClientNamesTheEndpointByItsAddressNotByAHostName() {
        ClientRequest request = CoroutineClient.request(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080));
        assertEquals(URI.create("http://127.0.0.1:8080/"), request.uri());
        assertEquals("GET", request.method());
    }

    @Test
    void coroutineAndCallbackClientsGetEveryAnswer() throws Exception {
        try (SeedServer server = SeedServer.start(N, Duration.ofMillis(50))) {
            InetSocketAddress address = server.address();
            assertEquals(Collections.nCopies(N, JsonEndpoint.BODY), CoroutineClient.fetchAll(address, N));
            assertEquals(Collections.nCopies(N, JsonEndpoint.BODY), CallbackClient.fetchAll(address, N));
            assertEquals(List.of(JsonEndpoint.BODY, JsonEndpoint.BODY), SequentialClient.fetchAll(address, 2));
        }
    }
}
