package dev.jcoro.redis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One decoded RESP value, as the server sent it: what {@link RedisClient#command(String...)} returns for
 * commands that have no typed method. RESP2 values (simple string, error, integer, bulk string, array and
 * their nulls) and RESP3 ones (null, double, boolean, big number, verbatim string, map, set, push,
 * attributes) each have a record here; the accessors below convert the common cases.
 *
 * <pre>{@code
 * RespValue info = client.command("CLIENT", "INFO");
 * String text = info.asText();
 * }</pre>
 *
 * <p>Values are immutable and may be shared between threads.
 */
public sealed interface RespValue {

    /** RESP3's null, and RESP2's null bulk string and null array: every null the server can send. */
    RespValue NULL = new NullReply();

    /**
     * Tells whether this is a null reply (a missing key, a timed-out blocking pop, an aborted transaction).
     *
     * @return true for {@link NullReply}
     */
    default boolean isNull() {
        return false;
    }

    /**
     * The value as text: a simple string, a bulk string decoded as UTF-8, a verbatim string's text, or a
     * number's decimal form.
     *
     * @return the text; null for a null reply
     * @throws RedisException if this is an error reply (the server's error, as a typed exception)
     * @throws IllegalStateException if this is an aggregate (array, map, set, push), which has no text
     */
    default String asText() {
        throw new IllegalStateException("a " + kind() + " reply has no text form: " + this);
    }

    /**
     * The value's bytes: a bulk string's raw bytes, or the UTF-8 bytes of a textual value.
     *
     * @return the bytes; null for a null reply
     * @throws RedisException if this is an error reply
     * @throws IllegalStateException if this is an aggregate
     */
    default byte[] asBytes() {
        String text = asText();
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The value as a {@code long}: an integer reply, or a string that holds a decimal integer.
     *
     * @return the number
     * @throws RedisException if this is an error reply
     * @throws IllegalStateException if the value is null, an aggregate, or text that is not an integer
     */
    default long asLong() {
        String text = asText();
        if (text == null) {
            throw new IllegalStateException("a null reply has no integer value");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("expected an integer reply, got " + this, e);
        }
    }

    /**
     * The elements of an array, set or push reply, in the order the server sent them.
     *
     * @return the elements (unmodifiable); null for a null reply
     * @throws RedisException if this is an error reply
     * @throws IllegalStateException if the value is not an aggregate of elements
     */
    default List<RespValue> asList() {
        throw new IllegalStateException("expected an array reply, got " + this);
    }

    /**
     * The entries of a map reply (RESP3), or of an array of alternating keys and values (RESP2's form of the
     * same reply), in the order the server sent them.
     *
     * @return the entries (unmodifiable); null for a null reply
     * @throws RedisException if this is an error reply
     * @throws IllegalStateException if the value is neither a map nor an array of even length
     */
    default Map<RespValue, RespValue> asMap() {
        throw new IllegalStateException("expected a map reply, got " + this);
    }

    /**
     * The name of this value's RESP type, for messages.
     *
     * @return for example {@code "bulk string"}
     */
    String kind();

    /**
     * A simple string ({@code +OK}): short, binary-unsafe text, usually a status.
     *
     * @param value the text
     */
    record SimpleString(String value) implements RespValue {
        /** @param value the text, not null */
        public SimpleString {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String asText() {
            return value;
        }

        @Override
        public String kind() {
            return "simple string";
        }
    }

    /**
     * An error ({@code -ERR ...} or RESP3's bulk error {@code !}): the server refused the command.
     *
     * @param message the whole message, starting with its upper-case prefix such as {@code WRONGTYPE}
     */
    record ErrorReply(String message) implements RespValue {
        /** @param message the message, not null */
        public ErrorReply {
            Objects.requireNonNull(message, "message");
        }

        /**
         * The upper-case word that starts the message ({@code ERR}, {@code WRONGTYPE}, {@code MOVED}...).
         *
         * @return the prefix, or an empty string if the message has none
         */
        public String prefix() {
            return RedisException.prefixOf(message);
        }

        /**
         * The error as the exception a typed command throws.
         *
         * @return a {@link RedisException}, or the subclass for its prefix
         */
        public RedisException toException() {
            return RedisException.of(message);
        }

        @Override
        public String asText() {
            throw toException();
        }

        @Override
        public List<RespValue> asList() {
            throw toException();
        }

        @Override
        public Map<RespValue, RespValue> asMap() {
            throw toException();
        }

        @Override
        public String kind() {
            return "error";
        }
    }

    /**
     * An integer ({@code :42}).
     *
     * @param value the number
     */
    record IntegerReply(long value) implements RespValue {
        @Override
        public String asText() {
            return Long.toString(value);
        }

        @Override
        public long asLong() {
            return value;
        }

        @Override
        public String kind() {
            return "integer";
        }
    }

    /**
     * A bulk string ({@code $5 hello}): binary-safe bytes. The array is not copied; do not change it.
     *
     * @param bytes the payload
     */
    record BulkString(byte[] bytes) implements RespValue {
        /** @param bytes the payload, not null */
        public BulkString {
            Objects.requireNonNull(bytes, "bytes");
        }

        /**
         * A bulk string holding {@code text} encoded as UTF-8.
         *
         * @param text the text
         * @return the value
         */
        public static BulkString of(String text) {
            return new BulkString(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String asText() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] asBytes() {
            return bytes;
        }

        @Override
        public String kind() {
            return "bulk string";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BulkString b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "BulkString[" + (bytes.length <= 200 ? asText() : bytes.length + " bytes") + "]";
        }
    }

    /** A null: a missing key, a timed-out blocking pop, an aborted transaction. Use {@link RespValue#NULL}. */
    record NullReply() implements RespValue {
        @Override
        public boolean isNull() {
            return true;
        }

        @Override
        public String asText() {
            return null;
        }

        @Override
        public List<RespValue> asList() {
            return null;
        }

        @Override
        public Map<RespValue, RespValue> asMap() {
            return null;
        }

        @Override
        public String kind() {
            return "null";
        }
    }

    /**
     * An array ({@code *2 ...}).
     *
     * @param elements the elements, in order
     */
    record ArrayReply(List<RespValue> elements) implements RespValue {
        /** @param elements the elements, copied */
        public ArrayReply {
            elements = List.copyOf(elements);
        }

        @Override
        public List<RespValue> asList() {
            return elements;
        }

        @Override
        public Map<RespValue, RespValue> asMap() {
            return Aggregates.pairs(elements, this);
        }

        @Override
        public String kind() {
            return "array";
        }
    }

    /**
     * A RESP3 map ({@code %2 ...}), in the order the server sent its entries.
     *
     * @param entries the entries
     */
    record MapReply(Map<RespValue, RespValue> entries) implements RespValue {
        /** @param entries the entries, copied, order kept */
        public MapReply {
            entries = Aggregates.orderedCopy(entries);
        }

        @Override
        public Map<RespValue, RespValue> asMap() {
            return entries;
        }

        @Override
        public String kind() {
            return "map";
        }
    }

    /**
     * A RESP3 set ({@code ~3 ...}), in the order the server sent its elements.
     *
     * @param elements the elements
     */
    record SetReply(Set<RespValue> elements) implements RespValue {
        /** @param elements the elements, copied, order kept */
        public SetReply {
            elements = Aggregates.orderedCopy(elements);
        }

        @Override
        public List<RespValue> asList() {
            return List.copyOf(elements);
        }

        @Override
        public String kind() {
            return "set";
        }
    }

    /**
     * A RESP3 double ({@code ,3.14}, {@code ,inf}, {@code ,nan}).
     *
     * @param value the number
     */
    record DoubleReply(double value) implements RespValue {
        @Override
        public String asText() {
            return Double.toString(value);
        }

        @Override
        public String kind() {
            return "double";
        }
    }

    /**
     * A RESP3 boolean ({@code #t}, {@code #f}).
     *
     * @param value the truth value
     */
    record BooleanReply(boolean value) implements RespValue {
        @Override
        public String asText() {
            return Boolean.toString(value);
        }

        @Override
        public long asLong() {
            return value ? 1 : 0;
        }

        @Override
        public String kind() {
            return "boolean";
        }
    }

    /**
     * A RESP3 big number ({@code (3492890328409238509324850943850943825024385}).
     *
     * @param value the number
     */
    record BigNumberReply(BigInteger value) implements RespValue {
        /** @param value the number, not null */
        public BigNumberReply {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String asText() {
            return value.toString();
        }

        @Override
        public String kind() {
            return "big number";
        }
    }

    /**
     * A RESP3 verbatim string ({@code =15 txt:Some string}): text with a three-letter format such as
     * {@code txt} or {@code mkd}.
     *
     * @param format the format, three characters
     * @param text the text
     */
    record VerbatimString(String format, String text) implements RespValue {
        /** @param format three characters; @param text not null */
        public VerbatimString {
            Objects.requireNonNull(text, "text");
            if (format.length() != 3) {
                throw new IllegalArgumentException("a verbatim string's format has three characters: " + format);
            }
        }

        @Override
        public String asText() {
            return text;
        }

        @Override
        public String kind() {
            return "verbatim string";
        }
    }

    /**
     * A RESP3 push ({@code >3 message ...}): data the server sends on its own, not as a reply to a command
     * (pub/sub messages, client-side-caching invalidations).
     *
     * @param elements the elements; the first names the kind of push
     */
    record PushReply(List<RespValue> elements) implements RespValue {
        /** @param elements the elements, copied */
        public PushReply {
            elements = List.copyOf(elements);
        }

        @Override
        public List<RespValue> asList() {
            return elements;
        }

        @Override
        public String kind() {
            return "push";
        }
    }

    /**
     * A value preceded by RESP3 attributes ({@code |1 ...}): auxiliary data about the reply, such as key
     * popularity, that is not part of the reply itself. The accessors answer for the value.
     *
     * @param attributes the attributes
     * @param value the reply they describe
     */
    record AttributedReply(Map<RespValue, RespValue> attributes, RespValue value) implements RespValue {
        /** @param attributes copied, order kept; @param value not null */
        public AttributedReply {
            attributes = Aggregates.orderedCopy(attributes);
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isNull() {
            return value.isNull();
        }

        @Override
        public String asText() {
            return value.asText();
        }

        @Override
        public byte[] asBytes() {
            return value.asBytes();
        }

        @Override
        public long asLong() {
            return value.asLong();
        }

        @Override
        public List<RespValue> asList() {
            return value.asList();
        }

        @Override
        public Map<RespValue, RespValue> asMap() {
            return value.asMap();
        }

        @Override
        public String kind() {
            return value.kind() + " with attributes";
        }
    }
}
