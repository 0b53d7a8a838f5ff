package dev.jcoro.redis.internal.resp;

import dev.jcoro.redis.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes RESP: commands as the arrays of bulk strings the server reads, and every value type (for test
 * servers and round-trip tests).
 */
public final class RespEncoder {
    private RespEncoder() {
    }

    /**
     * Appends a command: an array of bulk strings, {@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n}.
     *
     * @param out where to append
     * @param args the command name and its arguments
     */
    public static void command(WriteBuffer out, byte[][] args) {
        header(out, '*', args.length);
        for (byte[] arg : args) {
            bulk(out, arg);
        }
    }

    /**
     * Appends a type byte, a number and CR LF: the header of a bulk string or aggregate.
     *
     * @param out where to append
     * @param type the type byte
     * @param n the length or size
     */
    public static void header(WriteBuffer out, char type, long n) {
        out.put((byte) type);
        out.putDecimal(n);
        out.putCrlf();
    }

    /**
     * Appends a bulk string.
     *
     * @param out where to append
     * @param bytes its payload
     */
    public static void bulk(WriteBuffer out, byte[] bytes) {
        header(out, '$', bytes.length);
        out.put(bytes);
        out.putCrlf();
    }

    /**
     * Appends any value in its RESP3 form (a null as RESP3's {@code _}). An error whose message holds a CR
     * or LF is written as a bulk error, others as simple errors.
     *
     * @param out where to append
     * @param value the value
     * @throws IllegalArgumentException if a simple string holds CR or LF, which its framing cannot carry
     */
    public static void value(WriteBuffer out, RespValue value) {
        if (value instanceof RespValue.SimpleString s) {
            line(out, '+', s.value());
        } else if (value instanceof RespValue.ErrorReply e) {
            if (hasLineBreak(e.message())) {
                header(out, '!', utf8(e.message()).length);
                out.put(utf8(e.message()));
                out.putCrlf();
            } else {
                line(out, '-', e.message());
            }
        } else if (value instanceof RespValue.IntegerReply i) {
            header(out, ':', i.value());
        } else if (value instanceof RespValue.BulkString b) {
            bulk(out, b.bytes());
        } else if (value instanceof RespValue.NullReply) {
            out.put((byte) '_');
            out.putCrlf();
        } else if (value instanceof RespValue.ArrayReply a) {
            elements(out, '*', a.elements());
        } else if (value instanceof RespValue.MapReply m) {
            entries(out, '%', m.entries());
        } else if (value instanceof RespValue.SetReply s) {
            elements(out, '~', List.copyOf(s.elements()));
        } else if (value instanceof RespValue.DoubleReply d) {
            line(out, ',', doubleText(d.value()));
        } else if (value instanceof RespValue.BooleanReply b) {
            line(out, '#', b.value() ? "t" : "f");
        } else if (value instanceof RespValue.BigNumberReply n) {
            line(out, '(', n.value().toString());
        } else if (value instanceof RespValue.VerbatimString v) {
            byte[] payload = utf8(v.format() + ":" + v.text());
            header(out, '=', payload.length);
            out.put(payload);
            out.putCrlf();
        } else if (value instanceof RespValue.PushReply p) {
            elements(out, '>', p.elements());
        } else if (value instanceof RespValue.AttributedReply a) {
            entries(out, '|', a.attributes());
            value(out, a.value());
        } else {
            throw new IllegalArgumentException("unknown RESP value " + value);
        }
    }

    private static void elements(WriteBuffer out, char type, List<RespValue> elements) {
        header(out, type, elements.size());
        for (RespValue e : elements) {
            value(out, e);
        }
    }

    private static void entries(WriteBuffer out, char type, Map<RespValue, RespValue> entries) {
        header(out, type, entries.size());
        for (Map.Entry<RespValue, RespValue> e : entries.entrySet()) {
            value(out, e.getKey());
            value(out, e.getValue());
        }
    }

    private static void line(WriteBuffer out, char type, String text) {
        if (hasLineBreak(text)) {
            throw new IllegalArgumentException("a '" + type + "' line cannot hold CR or LF: " + text);
        }
        out.put((byte) type);
        out.put(utf8(text));
        out.putCrlf();
    }

    private static String doubleText(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d).replace('E', 'e');
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
