package dev.jcoro.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Which commands a pipelined connection must not carry, for {@code command(...)} calls whose name is only
 * known at run time. A blocking command would hold every reply pipelined behind it; a command that changes
 * the connection's state (its database, its protocol, subscribed mode, an open MULTI) would change it for
 * every other caller sharing the connection.
 */
public final class CommandRouting {
    private static final Set<String> BLOCKING = Set.of("BLPOP", "BRPOP", "BLMOVE", "BRPOPLPUSH", "BZPOPMIN",
            "BZPOPMAX", "BLMPOP", "BZMPOP", "WAIT", "WAITAOF");
    private static final Set<String> CONNECTION_STATE = Set.of("MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH",
            "SELECT", "HELLO", "RESET", "QUIT", "AUTH", "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE",
            "PUNSUBSCRIBE", "SUNSUBSCRIBE", "MONITOR", "SYNC", "PSYNC");
    private static final Set<String> SUBSCRIBED_MODE = Set.of("SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE",
            "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE", "MONITOR", "SYNC", "PSYNC", "HELLO", "RESET", "QUIT");

    private CommandRouting() {
    }

    /**
     * Tells whether the command may block on the server: a blocking pop or {@code WAIT}, or {@code XREAD}
     * and {@code XREADGROUP} with {@code BLOCK}.
     *
     * @param args the command
     * @return true if it must run on a connection of its own
     */
    public static boolean isBlocking(byte[][] args) {
        String name = name(args);
        if (BLOCKING.contains(name)) {
            return true;
        }
        if (name.equals("XREAD") || name.equals("XREADGROUP")) {
            for (int i = 1; i < args.length; i++) {
                if (new String(args[i], StandardCharsets.UTF_8).equalsIgnoreCase("BLOCK")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Why the command may not be sent on the shared pipelined connection, or null if it may.
     *
     * @param args the command
     * @return what to use instead, or null
     */
    public static String refusalOnShared(byte[][] args) {
        String name = name(args);
        if (CONNECTION_STATE.contains(name)) {
            return name + " changes the state of the connection, which this client shares between coroutines: use "
                    + alternative(name);
        }
        if (name.equals("CLIENT") && args.length > 1
                && new String(args[1], StandardCharsets.UTF_8).equalsIgnoreCase("REPLY")) {
            return "CLIENT REPLY would desynchronise the replies of a shared connection";
        }
        return null;
    }

    /**
     * Why the command may not be sent on a dedicated session, or null if it may.
     *
     * @param args the command
     * @return what to use instead, or null
     */
    public static String refusalOnSession(byte[][] args) {
        String name = name(args);
        if (SUBSCRIBED_MODE.contains(name)) {
            return name + " changes how the connection replies: use " + alternative(name);
        }
        return null;
    }

    private static String alternative(String name) {
        switch (name) {
            case "MULTI":
            case "EXEC":
            case "DISCARD":
                return "client.multi() (or session.multi())";
            case "WATCH":
            case "UNWATCH":
                return "a session: client.session(), then watch(...) and multi()";
            case "SELECT":
                return "the database in the URI (redis://host:port/2)";
            case "AUTH":
            case "HELLO":
            case "RESET":
            case "QUIT":
                return "the credentials in the URI and RedisOptions; close() to disconnect";
            default:
                return "client.subscribe(...) or client.psubscribe(...)";
        }
    }

    private static String name(byte[][] args) {
        return new String(args[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
    }
}
