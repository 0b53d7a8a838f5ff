package dev.jcoro.redis.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.net.StreamSocket;
import dev.jcoro.redis.RedisException;
import dev.jcoro.redis.RespValue;
import dev.jcoro.redis.internal.resp.RespEncoder;
import dev.jcoro.redis.internal.resp.WriteBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new connection says before it carries commands: {@code HELLO 3} (with {@code AUTH} and
 * {@code SETNAME} folded in) to get RESP3, or on a server that does not know {@code HELLO} (before 6.0) the
 * RESP2 way, {@code AUTH} and {@code CLIENT SETNAME}; then {@code SELECT} for a database other than 0.
 * It runs one command at a time, before the connection's coroutines start, so no pipelined command can
 * overtake it.
 */
final class Handshake {
    private Handshake() {
    }

    /**
     * A socket ready for commands.
     *
     * @param socket the socket
     * @param replies its reader, positioned after the handshake's replies
     * @param server how messages name the server
     * @param protocol the RESP version agreed: 2 or 3
     */
    record Session(StreamSocket socket, ReplyReader replies, String server, int protocol) {
    }

    /**
     * Runs the handshake.
     *
     * @return the protocol agreed
     * @throws RedisException if the server refuses the credentials or the database (a
     *     {@link dev.jcoro.redis.RedisAuthException} for bad credentials)
     * @throws IOException if the connection fails
     */
    @Suspendable
    static int perform(StreamSocket socket, ReplyReader replies, RedisUri uri, boolean resp3, String clientName)
            throws IOException {
        int protocol = 2;
        if (resp3) {
            List<String> hello = new ArrayList<>(List.of("HELLO", "3"));
            if (uri.password() != null) {
                hello.add("AUTH");
                hello.add(uri.user() != null ? uri.user() : "default");
                hello.add(uri.password());
            }
            if (clientName != null) {
                hello.add("SETNAME");
                hello.add(clientName);
            }
            RespValue reply = roundTrip(socket, replies, hello);
            if (reply instanceof RespValue.ErrorReply e) {
                if (!isUnknownHello(e)) {
                    throw e.toException();
                }
            } else {
                protocol = 3;
            }
        }
        if (protocol == 2) {
            if (uri.password() != null) {
                check(roundTrip(socket, replies, uri.user() != null
                        ? List.of("AUTH", uri.user(), uri.password()) : List.of("AUTH", uri.password())));
            }
            if (clientName != null) {
                check(roundTrip(socket, replies, List.of("CLIENT", "SETNAME", clientName)));
            }
        }
        if (uri.database() != 0) {
            check(roundTrip(socket, replies, List.of("SELECT", Integer.toString(uri.database()))));
        } else if (protocol == 2 && uri.password() == null && clientName == null) {
            // Nothing was asked of the server yet: make sure it answers (and needs no password) before use.
            check(roundTrip(socket, replies, List.of("PING")));
        }
        return protocol;
    }

    /** Servers before 6.0 answer HELLO with "unknown command"; 6.0 and later refuse unknown versions with NOPROTO. */
    private static boolean isUnknownHello(RespValue.ErrorReply e) {
        return "NOPROTO".equals(e.prefix()) || e.message().toLowerCase().contains("unknown command");
    }

    private static void check(RespValue reply) {
        if (reply instanceof RespValue.ErrorReply e) {
            throw e.toException();
        }
    }

    @Suspendable
    private static RespValue roundTrip(StreamSocket socket, ReplyReader replies, List<String> command) throws IOException {
        byte[][] args = new byte[command.size()][];
        for (int i = 0; i < args.length; i++) {
            args[i] = command.get(i).getBytes(StandardCharsets.UTF_8);
        }
        WriteBuffer out = new WriteBuffer(256);
        RespEncoder.command(out, args);
        socket.write(out.content());
        RespValue reply = replies.read();
        return reply instanceof RespValue.AttributedReply a ? a.value() : reply;
    }
}
