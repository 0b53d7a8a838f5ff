package dev.jcoro.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every typed command against a real server, over RESP3 and over RESP2. */
class RedisClientTest {
    private static RedisServer server;

    @BeforeAll
    static void startServer() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static RedisOptions options(boolean resp3) {
        return RedisOptions.builder(server.uri()).resp3(resp3).build();
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void negotiatesTheProtocolAskedFor(boolean resp3) throws Exception {
        long protocol = Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(resp3))) {
                return c.command("CLIENT", "INFO").asText().contains("resp=3") ? 3L : 2L;
            }
        });
        assertEquals(resp3 ? 3 : 2, protocol);
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void stringsRoundTripAsTextAndBytes(boolean resp3) throws Exception {
        String p = "strings" + resp3 + ":";
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(resp3))) {
                assertEquals("PONG", c.ping());
                assertNull(c.get(p + "missing"));
                c.set(p + "a", "héllo wörld ✓");
                assertEquals("héllo wörld ✓", c.get(p + "a"));
                byte[] binary = new byte[256];
                for (int i = 0; i < binary.length; i++) {
                    binary[i] = (byte) i;
                }
                c.set(p + "bin", binary);
                assertArrayEquals(binary, c.getBytes(p + "bin"));
                assertEquals(256, c.strlen(p + "bin"));
                assertEquals(0, c.strlen(p + "missing"));
                assertEquals(5, c.append(p + "app", "hello"));
                assertEquals(11, c.append(p + "app", " world"));
                assertEquals("hello world", c.getDel(p + "app"));
                assertNull(c.get(p + "app"));
                assertNull(c.getDel(p + "app"));
                c.set(p + "empty", "");
                assertEquals("", c.get(p + "empty"));
                c.mset(Map.of(p + "m1", "one", p + "m2", "two"));
                assertEquals(Arrays.asList("one", null, "two"), c.mget(p + "m1", p + "nope", p + "m2"));
            }
            return null;
        });
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void setOptionsApplyExpiryAndConditions(boolean resp3) throws Exception {
        String p = "setopt" + resp3 + ":";
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(resp3))) {
                assertTrue(c.set(p + "k", "1", new SetOptions().nx()));
                assertFalse(c.set(p + "k", "2", new SetOptions().nx()));
                assertEquals("1", c.get(p + "k"));
                assertTrue(c.set(p + "k", "3", new SetOptions().xx().ex(100)));
                assertEquals("3", c.get(p + "k"));
                long ttl = c.ttl(p + "k");
                assertTrue(ttl > 90 && ttl <= 100, "ttl " + ttl);
                assertFalse(c.set(p + "absent", "x", new SetOptions().xx()));
                assertNull(c.get(p + "absent"));
                assertTrue(c.set(p + "px", "x", new SetOptions().px(50_000)));
                long pttl = c.pttl(p + "px");
                assertTrue(pttl > 40_000 && pttl <= 50_000, "pttl " + pttl);
                assertTrue(c.set(p + "bytes", new byte[] {1, 2}, new SetOptions().nx()));
            }
            return null;
        });
        assertThrows(IllegalStateException.class, () -> new SetOptions().ex(1).px(1));
        assertThrows(IllegalStateException.class, () -> new SetOptions().nx().xx());
        assertThrows(IllegalArgumentException.class, () -> new SetOptions().ex(0));
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void countersAndExpiry(boolean resp3) throws Exception {
        String p = "count" + resp3 + ":";
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(resp3))) {
                assertEquals(1, c.incr(p + "n"));
                assertEquals(11, c.incrBy(p + "n", 10));
                assertEquals(10, c.decr(p + "n"));
                assertEquals(-5, c.decrBy(p + "n", 15));
                assertEquals(-4.5, c.incrByFloat(p + "n", 0.5), 1e-9);
                assertEquals(-2, c.ttl(p + "none"));
                assertEquals(-1, c.ttl(p + "n"));
                assertTrue(c.expire(p + "n", 100));
                assertFalse(c.expire(p + "none", 100));
                assertTrue(c.ttl(p + "n") > 0);
                assertTrue(c.persist(p + "n"));
                assertFalse(c.persist(p + "n"));
                assertEquals(-1, c.pttl(p + "n"));
                assertTrue(c.pexpire(p + "n", 30));
                Coroutines.sleep(Duration.ofMillis(100));
                assertEquals(0, c.exists(p + "n"));
            }
            return null;
        });
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void hashes(boolean resp3) throws Exception {
        String h = "hash" + resp3;
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(resp3))) {
                assertEquals(1, c.hset(h, "a", "1"));
                assertEquals(0, c.hset(h, "a", "one"));
                Map<String, String> more = new LinkedHashMap<>();
                more.put("b", "two");
                more.put("c", "three");
                assertEquals(2, c.hset(h, more));
                assertEquals(1, c.hset(h, "bin", new byte[] {0, -1}));
                assertArrayEquals(new byte[] {0, -1}, c.hgetBytes(h, "bin"));
                assertEquals("one", c.hget(h, "a"));
                assertNull(c.hget(h, "zzz"));
                assertEquals(Arrays.asList("one", null, "three"), c.hmget(h, "a", "zzz", "c"));
                assertEquals(7, c.hincrBy(h, "counter", 7));
                Map<String, String> all = c.hgetAll(h);
                assertEquals(Set.of("a", "b", "c", "bin", "counter"), all.keySet());
                assertEquals("two", all.get("b"));
                assertEquals(2, c.hdel(h, "a", "b", "zzz"));
                assertEquals(Map.of(), c.hgetAll("no-such-hash"));
            }
            return null;
        });
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void listsAndSets(boolean resp3) throws Exception {
        String l = "list" + resp3;
        String s = "set" + resp3;
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(resp3))) {
                assertEquals(3, c.rpush(l, "a", "b", "c"));
                assertEquals(5, c.lpush(l, "y", "z"));
                assertEquals(List.of("z", "y", "a", "b", "c"), c.lrange(l, 0, -1));
                assertEquals(5, c.llen(l));
                assertEquals("z", c.lpop(l));
                assertEquals("c", c.rpop(l));
                assertEquals(List.of("y", "a"), c.lrange(l, 0, 1));
                c.rpush(l, new byte[] {9});
                c.lpush(l, new byte[] {8});
                assertArrayEquals(new byte[] {8}, c.lpopBytes(l));
                assertNull(c.lpop("no-such-list"));
                assertEquals(2, c.sadd(s, "x", "y", "x"));
                assertEquals(1, c.sadd(s, "z"));
                assertEquals(Set.of("x", "y", "z"), c.smembers(s));
                assertTrue(c.sismember(s, "x"));
                assertFalse(c.sismember(s, "w"));
                assertEquals(3, c.scard(s));
                assertEquals(1, c.srem(s, "x", "w"));
                assertEquals(2, c.scard(s));
                assertEquals(2, c.exists(l, s, "nothing"));
                assertEquals(2, c.del(l, s, "nothing"));
                assertEquals(0, c.exists(l, s));
            }
            return null;
        });
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void genericCommandReturnsTheDecodedReply(boolean resp3) throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(resp3))) {
                assertEquals(1, c.command("ZADD", "z" + resp3, "1.5", "m").asLong());
                RespValue score = c.command("ZSCORE", "z" + resp3, "m");
                assertEquals(1.5, Double.parseDouble(score.asText()));
                RespValue config = c.command("CONFIG", "GET", "appendonly");
                assertEquals("no", config.asMap().get(RespValue.BulkString.of("appendonly")).asText());
                assertEquals(resp3 ? RespValue.MapReply.class : RespValue.ArrayReply.class, config.getClass());
                assertTrue(c.command("GET", "nothing-here").isNull());
                assertEquals("PONG", c.command("PING".getBytes()).asText());
            }
            return null;
        });
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void blockingPopRunsBesideThePipeline(boolean resp3) throws Exception {
        String q = "queue" + resp3;
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(resp3))) {
                var popped = Coroutines.launch(() -> c.blpop(Duration.ofSeconds(5), q));
                // While BLPOP waits on its own connection, the shared one keeps answering.
                Coroutines.sleep(Duration.ofMillis(50));
                for (int i = 0; i < 20; i++) {
                    c.set(q + ":side", Integer.toString(i));
                    assertEquals(Integer.toString(i), c.get(q + ":side"));
                }
                assertFalse(popped.isDone());
                c.rpush(q, "job");
                assertEquals(Map.entry(q, "job"), popped.join());
                assertNull(c.brpop(Duration.ofMillis(100), q), "nothing to pop within the timeout");
                c.rpush(q, "first", "last");
                assertEquals(Map.entry(q, "last"), c.brpop(Duration.ofSeconds(1), q));
                // The generic command routes BLPOP to a dedicated connection too.
                assertEquals(List.of(RespValue.BulkString.of(q), RespValue.BulkString.of("first")),
                        c.command("BLPOP", q, "1").asList());
            }
            return null;
        });
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void databaseAndNameFromTheOptions(boolean resp3) throws Exception {
        Coroutines.run(() -> {
            try (RedisClient db3 = RedisClient.connect(RedisOptions.builder(server.uri() + "/3").resp3(resp3)
                    .clientName("jcoro-test").build());
                 RedisClient db0 = RedisClient.connect(options(resp3))) {
                db3.set("only-in-3" + resp3, "x");
                assertEquals("x", db3.get("only-in-3" + resp3));
                assertNull(db0.get("only-in-3" + resp3));
                String info = db3.command("CLIENT", "INFO").asText();
                assertTrue(info.contains("db=3") && info.contains("name=jcoro-test"), info);
            }
            return null;
        });
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void stateChangingCommandsAreRefusedOnTheSharedConnection(boolean resp3) throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(resp3))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.command("SELECT", "2"));
                assertTrue(e.getMessage().contains("the database in the URI"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> c.command("multi"));
                assertThrows(IllegalArgumentException.class, () -> c.command("SUBSCRIBE", "x"));
                assertEquals("PONG", c.ping());
            }
            return null;
        });
    }

    @Test
    void plainThreadWithoutASchedulerIsToldHowToConnect() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RedisClient.connect(server.uri()));
        assertTrue(e.getMessage().contains("from inside a coroutine, or give the client a scheduler with"
                + " RedisOptions.Builder.scheduler(...)"), e.getMessage());
    }
}
