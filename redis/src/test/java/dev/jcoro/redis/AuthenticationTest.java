package dev.jcoro.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Credentials in the URI, against a server that requires a password, over RESP3 (HELLO AUTH) and RESP2 (AUTH). */
class AuthenticationTest {
    private static RedisServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RedisServer.start("--requirepass", "s3cret");
        Coroutines.run(() -> {
            try (RedisClient admin = RedisClient.connect("redis://:s3cret@127.0.0.1:" + server.port())) {
                admin.command("ACL", "SETUSER", "alice", "on", ">wonder land", "~app:*", "+@all");
            }
            return null;
        });
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static RedisOptions options(String userInfo, boolean resp3) {
        return RedisOptions.builder("redis://" + userInfo + "127.0.0.1:" + server.port()).resp3(resp3).build();
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void passwordOnlyAuthenticatesTheDefaultUser(boolean resp3) throws Exception {
        String who = Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options(":s3cret@", resp3))) {
                return c.command("ACL", "WHOAMI").asText();
            }
        });
        assertEquals("default", who);
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void userAndPasswordAuthenticateThatUserWithEscapesDecoded(boolean resp3) throws Exception {
        String who = Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(options("alice:wonder%20land@", resp3))) {
                c.set("app:x", "1");
                RedisAuthException denied = Expect.thrown(RedisAuthException.class, () -> {
                    c.set("other:x", "1");
                    return null;
                });
                assertEquals("NOPERM", denied.prefix());
                return c.command("ACL", "WHOAMI").asText();
            }
        });
        assertEquals("alice", who);
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void wrongPasswordFailsTheConnect(boolean resp3) throws Exception {
        RedisAuthException e = Coroutines.run(() -> Expect.thrown(RedisAuthException.class,
                () -> RedisClient.connect(options(":wrong@", resp3))));
        assertTrue(e.getMessage().startsWith("WRONGPASS"), e.getMessage());
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void missingPasswordIsNoAuth(boolean resp3) throws Exception {
        RedisAuthException e = Coroutines.run(() -> Expect.thrown(RedisAuthException.class,
                () -> RedisClient.connect(options("", resp3))));
        assertEquals("NOAUTH", e.prefix());
    }

    @Test
    void passwordIsNeverInMessages() {
        RedisOptions o = RedisOptions.builder("redis://alice:topsecret@127.0.0.1:1/2").build();
        assertTrue(!o.toString().contains("topsecret"), o.toString());
    }
}
