package dev.jcoro.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Task;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each kind of error reply a server sends, as the exception a caller gets; the connection stays usable. */
class ServerErrorsTest {
    private static RedisServer server;

    @BeforeAll
    static void startServer() {
        // A short busy threshold, so that a long script makes the server answer BUSY quickly.
        server = RedisServer.start("--busy-reply-threshold", "100");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void wrongTypeIsItsOwnException() throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(server.uri())) {
                c.rpush("err:list", "x");
                RedisWrongTypeException e = Expect.thrown(RedisWrongTypeException.class, () -> c.get("err:list"));
                assertEquals("WRONGTYPE", e.prefix());
                assertTrue(e.getMessage().startsWith("WRONGTYPE Operation against a key holding the wrong kind"),
                        e.getMessage());
                assertEquals(1, c.llen("err:list"), "the connection is still usable");
            }
            return null;
        });
    }

    @Test
    void genericErrorsCarryTheServerMessageAndPrefix() throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(server.uri())) {
                c.set("err:text", "abc");
                RedisException notInt = Expect.thrown(RedisException.class, () -> c.incr("err:text"));
                assertEquals("ERR", notInt.prefix());
                assertEquals("ERR value is not an integer or out of range", notInt.getMessage());
                RedisException unknown = Expect.thrown(RedisException.class, () -> c.command("NOSUCHCOMMAND", "x"));
                assertEquals(RedisException.class, unknown.getClass());
                assertTrue(unknown.getMessage().startsWith("ERR unknown command"), unknown.getMessage());
                RedisException ex = Expect.thrown(RedisException.class, () -> c.set("err:k", "v", new SetOptions().px(Long.MAX_VALUE)));
                assertEquals("ERR", ex.prefix());
                RedisException custom = Expect.thrown(RedisException.class,
                        () -> c.command("EVAL", "return redis.error_reply('MYERR custom failure')", "0"));
                assertEquals("MYERR", custom.prefix());
                // Inside an aggregate an error is a value, thrown only when asked for.
                RespValue reply = c.command("EVAL", "return {1, redis.error_reply('MYERR nested')}", "0");
                RespValue nested = reply.asList().get(1);
                assertInstanceOf(RespValue.ErrorReply.class, nested);
                assertEquals("MYERR", ((RespValue.ErrorReply) nested).prefix());
                assertEquals("MYERR nested", Expect.thrown(RedisException.class, () -> nested.asText()).getMessage());
                assertEquals("PONG", c.ping());
            }
            return null;
        });
    }

    @Test
    void noScriptIsItsOwnException() throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(server.uri())) {
                RedisNoScriptException e = Expect.thrown(RedisNoScriptException.class,
                        () -> c.command("EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0"));
                assertEquals("NOSCRIPT", e.prefix());
            }
            return null;
        });
    }

    @Test
    void busyServerAnswersWithUnavailable() throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(server.uri());
                 RedisClient other = RedisClient.connect(server.uri())) {
                // A script that spins until killed: the server stays busy and answers others with BUSY.
                Task<RedisException> script = Coroutines.launch(() -> Expect.thrown(RedisException.class,
                        () -> c.command("EVAL", "while true do end", "0")));
                Coroutines.sleep(Duration.ofMillis(300));
                RedisUnavailableException busy = Expect.thrown(RedisUnavailableException.class, () -> other.get("x"));
                assertEquals("BUSY", busy.prefix());
                other.command("SCRIPT", "KILL");
                RedisException killed = script.join();
                assertTrue(killed.getMessage().contains("Script killed"), killed.getMessage());
                assertNull(other.get("x"));
            }
            return null;
        });
    }

    @Test
    void redirectsAndUnavailableKindsAreParsed() {
        RedisException moved = RedisException.of("MOVED 3999 127.0.0.1:6381");
        RedisRedirectException m = assertInstanceOf(RedisRedirectException.class, moved);
        assertEquals(3999, m.slot());
        assertEquals("127.0.0.1", m.host());
        assertEquals(6381, m.port());
        assertFalse(m.isAsk());
        RedisRedirectException ask = assertInstanceOf(RedisRedirectException.class,
                RedisException.of("ASK 12 [::1]:7000"));
        assertTrue(ask.isAsk());
        assertEquals("[::1]", ask.host());
        assertEquals(7000, ask.port());
        assertInstanceOf(RedisUnavailableException.class, RedisException.of("LOADING Redis is loading the dataset in memory"));
        assertInstanceOf(RedisUnavailableException.class, RedisException.of("READONLY You can't write against a read only replica."));
        assertInstanceOf(RedisAuthException.class, RedisException.of("NOPERM this user has no permissions"));
        assertEquals("", RedisException.of("something lower-case").prefix());
        assertEquals(RedisException.class, RedisException.of("ERR plain").getClass());
    }
}
