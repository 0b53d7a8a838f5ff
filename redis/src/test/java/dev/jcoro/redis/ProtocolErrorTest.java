package dev.jcoro.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Bad bytes from the server: the command fails with an error that names the offset and what was expected,
 * the connection is closed, and the next command gets a fresh one. A real Redis does not send malformed
 * frames, so these run against a scripted server; the frame-limit test uses a real one.
 */
class ProtocolErrorTest {

    private static String handshake(List<String> cmd) {
        switch (cmd.get(0)) {
            case "HELLO":
                return "%1\r\n+proto\r\n:3\r\n";
            case "PING":
                return "+PONG\r\n";
            default:
                return null;
        }
    }

    @Test
    void malformedReplyFailsTheCommandNamingTheOffsetAndTheNextCommandReconnects() throws Exception {
        AtomicInteger gets = new AtomicInteger();
        try (ScriptedServer server = new ScriptedServer(cmd -> {
            if (cmd.get(0).equals("GET")) {
                // The first GET gets a bulk string whose length is not a number.
                return gets.incrementAndGet() == 1 ? "$4x\r\nabcd\r\n" : "$2\r\nok\r\n";
            }
            return handshake(cmd);
        })) {
            Coroutines.run(() -> {
                try (RedisClient c = RedisClient.connect(server.uri())) {
                    RedisConnectionException e = Expect.thrown(RedisConnectionException.class, () -> c.get("k"));
                    // The handshake's reply took 16 bytes; the bad byte is the 3rd of the next reply.
                    assertEquals("connection to redis 127.0.0.1:" + server.port() + " closed: malformed RESP at byte 18:"
                            + " expected a digit in the length of a bulk string, found 'x'", e.getMessage());
                    RespProtocolException cause = assertInstanceOf(RespProtocolException.class, e.getCause().getCause());
                    assertEquals(18, cause.offset());
                    assertEquals("ok", c.get("k"), "a fresh connection");
                }
                return null;
            });
        }
    }

    @Test
    void replyNobodyAskedForClosesTheConnection() throws Exception {
        try (ScriptedServer server = new ScriptedServer(cmd -> {
            if (cmd.get(0).equals("GET")) {
                return "$1\r\na\r\n\u0000:1\r\n";   // a second, unasked-for reply 100 ms after the first
            }
            return handshake(cmd);
        })) {
            Coroutines.run(() -> {
                try (RedisClient c = RedisClient.connect(server.uri())) {
                    assertEquals("a", c.get("k"));
                    // While the client is idle the stray reply arrives: the reader cannot match it to any
                    // command, so the connection is closed, and the next command reconnects.
                    Coroutines.sleep(Duration.ofMillis(300));
                    assertEquals("a", c.get("k"));
                    assertEquals(2, server.connections());
                }
                return null;
            });
        }
    }

    @Test
    void serverWithoutHelloFallsBackToResp2() throws Exception {
        try (ScriptedServer server = new ScriptedServer(cmd -> {
            switch (cmd.get(0)) {
                case "HELLO":
                    return "-ERR unknown command 'HELLO'\r\n";
                case "AUTH":
                    return cmd.size() == 2 && cmd.get(1).equals("pw") ? "+OK\r\n" : "-ERR invalid password\r\n";
                case "SELECT":
                    return "+OK\r\n";
                case "GET":
                    return "$5\r\nold-5\r\n";
                default:
                    return null;
            }
        })) {
            Coroutines.run(() -> {
                try (RedisClient c = RedisClient.connect("redis://:pw@127.0.0.1:" + server.port() + "/4")) {
                    assertEquals("old-5", c.get("k"));
                }
                return null;
            });
            List<List<String>> got = server.received();
            assertEquals(List.of("HELLO", "3", "AUTH", "default", "pw"), got.get(0));
            assertEquals(List.of("AUTH", "pw"), got.get(1));
            assertEquals(List.of("SELECT", "4"), got.get(2));
            assertEquals(List.of("GET", "k"), got.get(3));
        }
    }

    @Test
    void replyOverTheBulkLimitIsRefusedBeforeItIsRead() throws Exception {
        try (RedisServer server = RedisServer.start()) {
            Coroutines.run(() -> {
                RedisOptions options = RedisOptions.builder(server.uri()).maxBulkLength(1000).build();
                try (RedisClient c = RedisClient.connect(options)) {
                    c.set("big", "x".repeat(5000));
                    RedisConnectionException e = Expect.thrown(RedisConnectionException.class, () -> c.get("big"));
                    assertTrue(e.getMessage().contains("a bulk string of 5000 bytes exceeds the limit of 1000 bytes"),
                            e.getMessage());
                    assertEquals(5000, c.strlen("big"), "the next command works, on a new connection");
                }
                return null;
            });
        }
    }
}
