package dev.jcoro.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What callers see when the connection breaks: killed by the server, the server killed, the server
 * stalled past the command timeout, the client closed. Each test starts its own server, since it breaks it.
 */
class ConnectionFailureTest {

    @Test
    void nextCommandReconnectsAfterClientKill() throws Exception {
        try (RedisServer server = RedisServer.start()) {
            Coroutines.run(() -> {
                try (RedisClient c = RedisClient.connect(server.uri());
                     RedisClient admin = RedisClient.connect(server.uri())) {
                    c.set("k", "before");
                    long id = c.command("CLIENT", "ID").asLong();
                    assertEquals(1, admin.command("CLIENT", "KILL", "ID", Long.toString(id)).asLong());
                    // The client learns of the kill when its reader sees the connection end; a command sent
                    // before that may fail, never hang, and the one after reconnects.
                    int failures = 0;
                    String value = null;
                    for (int attempt = 0; attempt < 5 && value == null; attempt++) {
                        try {
                            value = c.get("k");
                        } catch (RedisConnectionException e) {
                            assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
                            failures++;
                        }
                    }
                    assertEquals("before", value);
                    assertTrue(failures <= 1, failures + " commands failed after the kill");
                    assertNotEquals(id, c.command("CLIENT", "ID").asLong(), "a new connection");
                }
                return null;
            });
        }
    }

    @Test
    void serverKilledMidFlightFailsEveryCommandInFlightThenReconnectsWhenItIsBack() throws Exception {
        RedisServer server = RedisServer.start();
        try {
            Coroutines.run(() -> {
                try (RedisClient c = RedisClient.connect(server.uri())) {
                    List<Task<IOException>> workers = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        int id = i;
                        workers.add(Coroutines.launch(() -> {
                            // Runs until the connection fails under it, then reports how.
                            for (int n = 0; ; n++) {
                                try {
                                    c.set("w:" + id, Integer.toString(n));
                                } catch (IOException e) {
                                    return e;
                                }
                            }
                        }));
                    }
                    Coroutines.sleep(Duration.ofMillis(200));
                    Coroutines.offload(() -> {
                        server.kill();
                        return null;
                    });
                    for (Task<IOException> w : workers) {
                        IOException e = w.join();
                        assertInstanceOf(RedisConnectionException.class, e);
                        assertTrue(e.getMessage().contains("redis 127.0.0.1:" + server.port()), e.getMessage());
                    }
                    RedisConnectionException down = Expect.thrown(RedisConnectionException.class, () -> c.get("x"));
                    assertTrue(down.getMessage().startsWith("cannot connect to redis 127.0.0.1:" + server.port()),
                            down.getMessage());
                    Coroutines.offload(() -> {
                        server.launch();
                        return null;
                    });
                    assertNull(c.get("x"), "the fresh server has no data, and the client reconnected to it");
                    c.set("x", "back");
                    assertEquals("back", c.get("x"));
                }
                return null;
            });
        } finally {
            server.close();
        }
    }

    @Test
    void stalledServerTimesOutTheCommandAndClosesTheConnection() throws Exception {
        try (RedisServer server = RedisServer.start()) {
            Coroutines.run(() -> {
                RedisOptions options = RedisOptions.builder(server.uri()).commandTimeout(Duration.ofMillis(300)).build();
                try (RedisClient c = RedisClient.connect(options)) {
                    c.set("k", "v");
                    Coroutines.offload(() -> {
                        server.signal("STOP");
                        return null;
                    });
                    Task<Throwable> second = Coroutines.launch(() -> {
                        Coroutines.sleep(Duration.ofMillis(100));
                        return Expect.thrown(IOException.class, () -> c.get("k"));
                    });
                    long start = System.nanoTime();
                    RedisTimeoutException timeout = Expect.thrown(RedisTimeoutException.class, () -> c.get("k"));
                    long waitedMs = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(timeout.getMessage().startsWith("no reply to GET from redis 127.0.0.1:"
                            + server.port() + " within 300 ms"), timeout.getMessage());
                    assertTrue(waitedMs >= 290, "waited " + waitedMs + " ms");
                    // The command behind it failed with the first: on one ordered connection it was late too.
                    Throwable behind = second.join();
                    assertInstanceOf(RedisConnectionException.class, behind);
                    assertTrue(behind.getMessage().contains("timed out"), behind.getMessage());
                    Coroutines.offload(() -> {
                        server.signal("CONT");
                        return null;
                    });
                    assertEquals("v", c.get("k"), "the next command reconnects");
                }
                return null;
            });
        }
    }

    @Test
    void blockingCommandGetsItsBlockingTimeOnTopOfTheCommandTimeout() throws Exception {
        try (RedisServer server = RedisServer.start()) {
            Coroutines.run(() -> {
                RedisOptions options = RedisOptions.builder(server.uri()).commandTimeout(Duration.ofMillis(200)).build();
                try (RedisClient c = RedisClient.connect(options)) {
                    assertNull(c.blpop(Duration.ofMillis(600), "empty"), "the server's timeout, not the client's");
                }
                return null;
            });
        }
    }

    @Test
    void closingTheClientFailsPendingCommands() throws Exception {
        try (RedisServer server = RedisServer.start("--enable-debug-command", "local")) {
            Coroutines.run(() -> {
                RedisClient c = RedisClient.connect(server.uri());
                Task<Throwable> blocked = Coroutines.launch(() ->
                        Expect.thrown(RedisConnectionException.class, () -> c.blpop(Duration.ZERO, "never")));
                Task<Throwable> slow = Coroutines.launch(() ->
                        Expect.thrown(RedisConnectionException.class, () -> c.command("DEBUG", "SLEEP", "0.5")));
                Coroutines.sleep(Duration.ofMillis(100));
                c.close();
                Throwable b = blocked.join();
                assertTrue(b.getMessage().contains("closed"), b.getMessage());
                Throwable s = slow.join();
                assertTrue(s.getMessage().contains("was closed while the command was in flight"), s.getMessage());
                Expect.thrown(IllegalStateException.class, () -> c.get("k"));
                return null;
            });
        }
    }
}
