package dev.jcoro.redis.internal;

import dev.jcoro.redis.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A typed command: the arguments to send and how to read its reply. Immutable; one is made per call.
 *
 * @param <T> the type the reply is converted to
 */
public final class Command<T> {
    private final byte[][] args;
    private final Function<RespValue, T> reply;

    /**
     * Creates a command.
     *
     * @param reply converts the reply (never an error reply, never attributed)
     * @param args the name and arguments: {@code String} (sent as UTF-8), {@code byte[]}, or a number
     */
    public Command(Function<RespValue, T> reply, Object... args) {
        this.reply = reply;
        this.args = encode(args);
    }

    /**
     * Creates a command from arguments already encoded.
     *
     * @param reply converts the reply
     * @param args the name and arguments as bytes
     */
    public Command(Function<RespValue, T> reply, byte[][] args) {
        this.reply = reply;
        this.args = args;
    }

    /**
     * The arguments to send.
     *
     * @return the name and arguments as bytes (not copied)
     */
    public byte[][] args() {
        return args;
    }

    /**
     * The command's name, for messages.
     *
     * @return for example {@code GET}
     */
    public String name() {
        return new String(args[0], StandardCharsets.UTF_8);
    }

    /**
     * Converts the server's reply; an error reply becomes the matching {@link dev.jcoro.redis.RedisException},
     * thrown here, in the caller's coroutine.
     *
     * @param value the reply
     * @return the converted value
     * @throws dev.jcoro.redis.RedisException if the reply is an error
     * @throws IllegalStateException if the reply has a type this command does not expect
     */
    public T decode(RespValue value) {
        RespValue v = value instanceof RespValue.AttributedReply a ? a.value() : value;
        if (v instanceof RespValue.ErrorReply e) {
            throw e.toException();
        }
        return reply.apply(v);
    }

    /**
     * Encodes arguments as the server reads them: strings as UTF-8, numbers in decimal, bytes as they are.
     *
     * @param parts the arguments
     * @return one byte array per argument
     * @throws IllegalArgumentException if an argument is null or of another type
     */
    public static byte[][] encode(Object... parts) {
        byte[][] out = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            Object p = parts[i];
            if (p instanceof String s) {
                out[i] = s.getBytes(StandardCharsets.UTF_8);
            } else if (p instanceof byte[] b) {
                out[i] = b;
            } else if (p instanceof Long || p instanceof Integer) {
                out[i] = p.toString().getBytes(StandardCharsets.US_ASCII);
            } else if (p instanceof Double d) {
                out[i] = Double.toString(d).getBytes(StandardCharsets.US_ASCII);
            } else {
                throw new IllegalArgumentException("argument " + i + " of " + parts[0] + " is "
                        + (p == null ? "null" : "a " + p.getClass().getName()) + "; expected a String, byte[] or number");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Command[" + name() + ", " + (args.length - 1) + " arguments]";
    }
}
