package dev.jcoro.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Task;
import dev.jcoro.sync.ChannelClosedException;
import dev.jcoro.sync.ChannelIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PubSubTest {
    private static RedisServer server;

    @BeforeAll
    static void startServer() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static RedisOptions options(boolean resp3, int capacity) {
        return RedisOptions.builder(server.uri()).resp3(resp3).subscriptionCapacity(capacity).build();
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void messagesArriveInPublishOrderThroughASmallBuffer(boolean resp3) throws Exception {
        int count = 5000;
        String channel = "news" + resp3;
        Coroutines.run(() -> {
            // A buffer of 8 for 5,000 messages: the reader waits for the consumer, and nothing is lost or reordered.
            try (RedisClient c = RedisClient.connect(options(resp3, 8));
                 Subscription sub = c.subscribe(channel)) {
                assertEquals(Set.of(channel), sub.channels());
                Task<Long> publisher = Coroutines.launch(() -> {
                    long receivers = 0;
                    for (int i = 0; i < count; i++) {
                        receivers += c.publish(channel, "m" + i);
                    }
                    return receivers;
                });
                for (int i = 0; i < count; i++) {
                    PubSubMessage m = sub.messages().receive();
                    assertEquals(channel, m.channel());
                    assertNull(m.pattern());
                    assertEquals("m" + i, m.text(), "message " + i + " in order");
                }
                assertEquals(count, publisher.join(), "every message had one receiver");
            }
            return null;
        });
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void patternsChannelsAndUnsubscribe(boolean resp3) throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(resp3, 64));
                 Subscription sub = c.psubscribe("orders.*")) {
                sub.subscribe("alerts");
                assertEquals(Set.of("orders.*"), sub.patterns());
                assertEquals(Set.of("alerts"), sub.channels());
                c.publish("orders.eu", "o1");
                c.publish("alerts", "a1");
                c.publish("unrelated", "x");
                PubSubMessage first = sub.messages().receive();
                assertEquals(new PubSubMessage("orders.eu", "orders.*", "o1".getBytes()), first);
                assertEquals(new PubSubMessage("alerts", null, "a1".getBytes()), sub.messages().receive());
                sub.unsubscribe("alerts");
                sub.punsubscribe("orders.*");
                assertEquals(Set.of(), sub.channels());
                assertEquals(Set.of(), sub.patterns());
                assertEquals(0, c.publish("alerts", "nobody listens"));
                // The shared connection is not affected by any of this.
                c.set("ps:k", "v");
                assertEquals("v", c.get("ps:k"));
            }
            return null;
        });
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void closingEndsTheChannelAfterWhatWasReceived(boolean resp3) throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(resp3, 64))) {
                Subscription sub = c.subscribe("bye" + resp3);
                c.publish("bye" + resp3, "last words");
                Coroutines.sleep(java.time.Duration.ofMillis(100));
                sub.close();
                List<String> got = new ArrayList<>();
                for (ChannelIterator<PubSubMessage> it = sub.messages().iterator(); it.hasNext(); ) {
                    got.add(it.next().text());
                }
                assertEquals(List.of("last words"), got);
                assertInstanceOf(RedisConnectionException.class, sub.failure());
                Expect.thrown(ChannelClosedException.class, () -> sub.messages().receive());
                Expect.thrown(RedisConnectionException.class, () -> {
                    sub.subscribe("again");
                    return null;
                });
            }
            return null;
        });
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void killedSubscriptionClosesItsChannelAndSaysWhy(boolean resp3) throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(resp3, 64));
                 Subscription sub = c.subscribe("victim" + resp3)) {
                c.command("CLIENT", "KILL", "TYPE", "pubsub");
                Expect.thrown(ChannelClosedException.class, () -> sub.messages().receive());
                Throwable why = sub.failure();
                assertInstanceOf(RedisConnectionException.class, why);
                assertTrue(why.getMessage().contains("lost: the server closed it"), why.getMessage());
            }
            return null;
        });
    }
}
