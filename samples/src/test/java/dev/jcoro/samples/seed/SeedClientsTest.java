package dev.jcoro.samples.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
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
    void coroutineAndCallbackClientsGetEveryAnswer() throws Exception {
        try (SeedServer server = SeedServer.start(N, Duration.ofMillis(50))) {
            InetSocketAddress address = server.address();
            assertEquals(Collections.nCopies(N, JsonEndpoint.BODY), CoroutineClient.fetchAll(address, N));
            assertEquals(Collections.nCopies(N, JsonEndpoint.BODY), CallbackClient.fetchAll(address, N));
            assertEquals(List.of(JsonEndpoint.BODY, JsonEndpoint.BODY), SequentialClient.fetchAll(address, 2));
        }
    }
}
