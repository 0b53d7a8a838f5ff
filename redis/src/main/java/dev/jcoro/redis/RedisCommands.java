package dev.jcoro.redis;

import dev.jcoro.Suspendable;
import dev.jcoro.redis.internal.Command;
import dev.jcoro.redis.internal.Replies;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The typed Redis commands, shared by the {@link RedisClient} (pipelined, shared by every coroutine) and a
 * {@link RedisSession} (one connection of its own). Texts are sent and read as UTF-8; the {@code byte[]}
 * variants carry binary values unchanged. A missing key reads as null.
 *
 * <p>Every command suspends the calling coroutine until its reply arrives (on a plain thread it blocks)
 * and may be called from any coroutine or thread. Each may throw:
 * <ul>
 *   <li>{@link RedisException} (unchecked) when the server refuses the command, such as
 *       {@link RedisWrongTypeException} for a list command on a string;</li>
 *   <li>{@link RedisTimeoutException} when no reply comes within the command timeout;</li>
 *   <li>{@link RedisConnectionException} when the connection fails or the client is closed;</li>
 *   <li>{@link java.util.concurrent.CancellationException} when the calling coroutine is cancelled.</li>
 * </ul>
 * The two {@link IOException}s leave the command's outcome unknown: the server may or may not have run it.
 */
public abstract sealed class RedisCommands permits RedisClient, RedisSession {

    RedisCommands() {
    }

    /** Sends a command on this object's connection and converts its reply. */
    @Suspendable
    abstract <T> T execute(Command<T> command) throws IOException;

    /** Sends a command that may block on the server for up to {@code blockFor} (zero: without limit). */
    @Suspendable
    abstract <T> T executeBlocking(Command<T> command, Duration blockFor) throws IOException;

    // ---- generic ----

    /**
     * Sends any command and returns its reply as decoded, for commands without a typed method here.
     *
     * <pre>{@code
     * long n = client.command("ZADD", "board", "10", "alice").asLong();
     * }</pre>
     *
     * @param args the command's name and arguments, sent as UTF-8
     * @return the reply
     * @throws RedisException if the server refuses the command
     * @throws IllegalArgumentException if the command would change the state of a shared connection
     *     ({@code MULTI}, {@code SELECT}, {@code SUBSCRIBE}...); the message names what to use instead
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public RespValue command(String... args) throws IOException {
        return command(Command.encode((Object[]) args));
    }

    /**
     * Like {@link #command(String...)} with binary arguments.
     *
     * @param args the command's name and arguments
     * @return the reply
     * @throws RedisException if the server refuses the command
     * @throws IllegalArgumentException if the command would change the state of a shared connection
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public abstract RespValue command(byte[]... args) throws IOException;

    /**
     * {@code PING}.
     *
     * @return {@code PONG}
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public String ping() throws IOException {
        return execute(new Command<>(Replies::text, "PING"));
    }

    // ---- strings ----

    /**
     * {@code GET}: the value of {@code key}.
     *
     * @param key the key
     * @return its value as UTF-8 text, or null if the key does not exist
     * @throws RedisWrongTypeException if the key holds something other than a string
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public String get(String key) throws IOException {
        return execute(new Command<>(Replies::text, "GET", key));
    }

    /**
     * {@code GET}, returning the value's bytes.
     *
     * @param key the key
     * @return its value, or null if the key does not exist
     * @throws RedisWrongTypeException if the key holds something other than a string
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public byte[] getBytes(String key) throws IOException {
        return execute(new Command<>(Replies::bytes, "GET", key));
    }

    /**
     * {@code SET}: stores {@code value} under {@code key}, replacing what was there.
     *
     * @param key the key
     * @param value the value, stored as UTF-8
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public void set(String key, String value) throws IOException {
        execute(new Command<>(Replies::ok, "SET", key, value));
    }

    /**
     * {@code SET} with a binary value.
     *
     * @param key the key
     * @param value the value
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public void set(String key, byte[] value) throws IOException {
        execute(new Command<>(Replies::ok, "SET", key, value));
    }

    /**
     * {@code SET} with an expiry and/or a condition.
     *
     * @param key the key
     * @param value the value, stored as UTF-8
     * @param options {@code EX}/{@code PX} and {@code NX}/{@code XX}
     * @return true if the value was stored; false if the condition ({@code NX}, {@code XX}) was not met
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public boolean set(String key, String value, SetOptions options) throws IOException {
        return execute(setCommand(key, value, options));
    }

    /**
     * {@code SET} of a binary value with an expiry and/or a condition.
     *
     * @param key the key
     * @param value the value
     * @param options {@code EX}/{@code PX} and {@code NX}/{@code XX}
     * @return true if the value was stored; false if the condition was not met
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public boolean set(String key, byte[] value, SetOptions options) throws IOException {
        return execute(setCommand(key, value, options));
    }

    static Command<Boolean> setCommand(String key, Object value, SetOptions options) {
        List<Object> args = new ArrayList<>(List.of("SET", key, value));
        args.addAll(options.arguments());
        return new Command<>(Replies::okOrNull, args.toArray());
    }

    /**
     * {@code GETDEL}: the value of {@code key}, deleting the key.
     *
     * @param key the key
     * @return the value it held, or null if it did not exist
     * @throws RedisWrongTypeException if the key holds something other than a string
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public String getDel(String key) throws IOException {
        return execute(new Command<>(Replies::text, "GETDEL", key));
    }

    /**
     * {@code APPEND}: appends {@code value} to the string at {@code key} (creating it).
     *
     * @param key the key
     * @param value what to append, as UTF-8
     * @return the string's length in bytes afterwards
     * @throws RedisWrongTypeException if the key holds something other than a string
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long append(String key, String value) throws IOException {
        return execute(new Command<>(Replies::integer, "APPEND", key, value));
    }

    /**
     * {@code STRLEN}: the length of the string at {@code key}.
     *
     * @param key the key
     * @return its length in bytes, 0 if the key does not exist
     * @throws RedisWrongTypeException if the key holds something other than a string
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long strlen(String key) throws IOException {
        return execute(new Command<>(Replies::integer, "STRLEN", key));
    }

    /**
     * {@code MGET}: the values of several keys at once.
     *
     * @param keys the keys
     * @return their values in the same order, null for each missing key (or non-string)
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public List<String> mget(String... keys) throws IOException {
        return execute(new Command<>(Replies::textList, prepend("MGET", keys)));
    }

    /**
     * {@code MSET}: stores several keys at once, atomically.
     *
     * @param entries keys and values, stored as UTF-8
     * @throws IllegalArgumentException if {@code entries} is empty
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public void mset(Map<String, String> entries) throws IOException {
        execute(new Command<>(Replies::ok, pairs("MSET", null, entries)));
    }

    // ---- counters ----

    /**
     * {@code INCR}: adds one to the integer at {@code key} (a missing key counts as 0).
     *
     * @param key the key
     * @return the value afterwards
     * @throws RedisException if the value is not an integer
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long incr(String key) throws IOException {
        return execute(new Command<>(Replies::integer, "INCR", key));
    }

    /**
     * {@code INCRBY}: adds {@code delta} to the integer at {@code key}.
     *
     * @param key the key
     * @param delta the amount, negative to subtract
     * @return the value afterwards
     * @throws RedisException if the value is not an integer or would overflow
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long incrBy(String key, long delta) throws IOException {
        return execute(new Command<>(Replies::integer, "INCRBY", key, delta));
    }

    /**
     * {@code DECR}: subtracts one from the integer at {@code key}.
     *
     * @param key the key
     * @return the value afterwards
     * @throws RedisException if the value is not an integer
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long decr(String key) throws IOException {
        return execute(new Command<>(Replies::integer, "DECR", key));
    }

    /**
     * {@code DECRBY}: subtracts {@code delta} from the integer at {@code key}.
     *
     * @param key the key
     * @param delta the amount
     * @return the value afterwards
     * @throws RedisException if the value is not an integer or would overflow
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long decrBy(String key, long delta) throws IOException {
        return execute(new Command<>(Replies::integer, "DECRBY", key, delta));
    }

    /**
     * {@code INCRBYFLOAT}: adds {@code delta} to the number at {@code key}.
     *
     * @param key the key
     * @param delta the amount
     * @return the value afterwards
     * @throws RedisException if the value is not a number
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public double incrByFloat(String key, double delta) throws IOException {
        return execute(new Command<>(Replies::decimal, "INCRBYFLOAT", key, delta));
    }

    // ---- expiry ----

    /**
     * {@code EXPIRE}: deletes {@code key} after {@code seconds}.
     *
     * @param key the key
     * @param seconds the time to live
     * @return true if the key exists and now expires; false if it does not exist
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public boolean expire(String key, long seconds) throws IOException {
        return execute(new Command<>(Replies::bool, "EXPIRE", key, seconds));
    }

    /**
     * {@code PEXPIRE}: deletes {@code key} after {@code millis} milliseconds.
     *
     * @param key the key
     * @param millis the time to live
     * @return true if the key exists and now expires; false if it does not exist
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public boolean pexpire(String key, long millis) throws IOException {
        return execute(new Command<>(Replies::bool, "PEXPIRE", key, millis));
    }

    /**
     * {@code TTL}: how long {@code key} has to live.
     *
     * @param key the key
     * @return seconds; -1 if it does not expire, -2 if it does not exist
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long ttl(String key) throws IOException {
        return execute(new Command<>(Replies::integer, "TTL", key));
    }

    /**
     * {@code PTTL}: how long {@code key} has to live, in milliseconds.
     *
     * @param key the key
     * @return milliseconds; -1 if it does not expire, -2 if it does not exist
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long pttl(String key) throws IOException {
        return execute(new Command<>(Replies::integer, "PTTL", key));
    }

    /**
     * {@code PERSIST}: removes the expiry of {@code key}.
     *
     * @param key the key
     * @return true if an expiry was removed
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public boolean persist(String key) throws IOException {
        return execute(new Command<>(Replies::bool, "PERSIST", key));
    }

    // ---- keys ----

    /**
     * {@code EXISTS}: how many of the keys exist.
     *
     * @param keys the keys (a key named twice counts twice)
     * @return the count
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long exists(String... keys) throws IOException {
        return execute(new Command<>(Replies::integer, prepend("EXISTS", keys)));
    }

    /**
     * {@code DEL}: deletes the keys.
     *
     * @param keys the keys
     * @return how many existed
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long del(String... keys) throws IOException {
        return execute(new Command<>(Replies::integer, prepend("DEL", keys)));
    }

    /**
     * {@code SCAN} over every key, as an iterator that fetches the next page when it needs one.
     *
     * <pre>{@code
     * for (ScanIterator it = client.scan("user:*", 500); it.hasNext(); ) {
     *     String key = it.next();
     * }
     * }</pre>
     *
     * @param match a glob pattern such as {@code user:*}, or null for every key
     * @param count how many keys the server looks at per page (a hint), or 0 for its default
     * @return the iterator; nothing is sent until its first {@code hasNext()}
     */
    public ScanIterator scan(String match, int count) {
        return new ScanIterator(this, match, count);
    }

    /**
     * {@code SCAN} over every key.
     *
     * @return the iterator
     * @see #scan(String, int)
     */
    public ScanIterator scan() {
        return scan(null, 0);
    }

    // ---- hashes ----

    /**
     * {@code HSET}: sets one field of the hash at {@code key}.
     *
     * @param key the key
     * @param field the field
     * @param value the value, as UTF-8
     * @return 1 if the field is new, 0 if it was replaced
     * @throws RedisWrongTypeException if the key holds something other than a hash
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long hset(String key, String field, String value) throws IOException {
        return execute(new Command<>(Replies::integer, "HSET", key, field, value));
    }

    /**
     * {@code HSET} of a binary value.
     *
     * @param key the key
     * @param field the field
     * @param value the value
     * @return 1 if the field is new, 0 if it was replaced
     * @throws RedisWrongTypeException if the key holds something other than a hash
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long hset(String key, String field, byte[] value) throws IOException {
        return execute(new Command<>(Replies::integer, "HSET", key, field, value));
    }

    /**
     * {@code HSET} of several fields.
     *
     * @param key the key
     * @param fields fields and values, as UTF-8
     * @return how many fields are new
     * @throws IllegalArgumentException if {@code fields} is empty
     * @throws RedisWrongTypeException if the key holds something other than a hash
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long hset(String key, Map<String, String> fields) throws IOException {
        return execute(new Command<>(Replies::integer, pairs("HSET", key, fields)));
    }

    /**
     * {@code HGET}: one field of the hash at {@code key}.
     *
     * @param key the key
     * @param field the field
     * @return its value as UTF-8 text, or null if the key or field does not exist
     * @throws RedisWrongTypeException if the key holds something other than a hash
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public String hget(String key, String field) throws IOException {
        return execute(new Command<>(Replies::text, "HGET", key, field));
    }

    /**
     * {@code HGET}, returning the value's bytes.
     *
     * @param key the key
     * @param field the field
     * @return its value, or null
     * @throws RedisWrongTypeException if the key holds something other than a hash
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public byte[] hgetBytes(String key, String field) throws IOException {
        return execute(new Command<>(Replies::bytes, "HGET", key, field));
    }

    /**
     * {@code HGETALL}: every field of the hash at {@code key}.
     *
     * @param key the key
     * @return fields and values in the server's order; empty if the key does not exist
     * @throws RedisWrongTypeException if the key holds something other than a hash
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public Map<String, String> hgetAll(String key) throws IOException {
        return execute(new Command<>(Replies::textMap, "HGETALL", key));
    }

    /**
     * {@code HDEL}: deletes fields of the hash at {@code key}.
     *
     * @param key the key
     * @param fields the fields
     * @return how many existed
     * @throws RedisWrongTypeException if the key holds something other than a hash
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long hdel(String key, String... fields) throws IOException {
        return execute(new Command<>(Replies::integer, prepend("HDEL", key, fields)));
    }

    /**
     * {@code HINCRBY}: adds {@code delta} to an integer field.
     *
     * @param key the key
     * @param field the field
     * @param delta the amount
     * @return the field's value afterwards
     * @throws RedisException if the field is not an integer
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long hincrBy(String key, String field, long delta) throws IOException {
        return execute(new Command<>(Replies::integer, "HINCRBY", key, field, delta));
    }

    /**
     * {@code HMGET}: several fields of the hash at {@code key}.
     *
     * @param key the key
     * @param fields the fields
     * @return their values in the same order, null for each missing one
     * @throws RedisWrongTypeException if the key holds something other than a hash
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public List<String> hmget(String key, String... fields) throws IOException {
        return execute(new Command<>(Replies::textList, prepend("HMGET", key, fields)));
    }

    // ---- lists ----

    /**
     * {@code LPUSH}: inserts values at the head of the list at {@code key}, in the order given (so the last
     * ends up first).
     *
     * @param key the key
     * @param values the values, as UTF-8
     * @return the list's length afterwards
     * @throws RedisWrongTypeException if the key holds something other than a list
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long lpush(String key, String... values) throws IOException {
        return execute(new Command<>(Replies::integer, prepend("LPUSH", key, values)));
    }

    /**
     * {@code LPUSH} of one binary value.
     *
     * @param key the key
     * @param value the value
     * @return the list's length afterwards
     * @throws RedisWrongTypeException if the key holds something other than a list
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long lpush(String key, byte[] value) throws IOException {
        return execute(new Command<>(Replies::integer, "LPUSH", key, value));
    }

    /**
     * {@code RPUSH}: appends values at the tail of the list at {@code key}.
     *
     * @param key the key
     * @param values the values, as UTF-8
     * @return the list's length afterwards
     * @throws RedisWrongTypeException if the key holds something other than a list
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long rpush(String key, String... values) throws IOException {
        return execute(new Command<>(Replies::integer, prepend("RPUSH", key, values)));
    }

    /**
     * {@code RPUSH} of one binary value.
     *
     * @param key the key
     * @param value the value
     * @return the list's length afterwards
     * @throws RedisWrongTypeException if the key holds something other than a list
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long rpush(String key, byte[] value) throws IOException {
        return execute(new Command<>(Replies::integer, "RPUSH", key, value));
    }

    /**
     * {@code LPOP}: removes and returns the list's first element.
     *
     * @param key the key
     * @return the element, or null if the list is empty or missing
     * @throws RedisWrongTypeException if the key holds something other than a list
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public String lpop(String key) throws IOException {
        return execute(new Command<>(Replies::text, "LPOP", key));
    }

    /**
     * {@code RPOP}: removes and returns the list's last element.
     *
     * @param key the key
     * @return the element, or null if the list is empty or missing
     * @throws RedisWrongTypeException if the key holds something other than a list
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public String rpop(String key) throws IOException {
        return execute(new Command<>(Replies::text, "RPOP", key));
    }

    /**
     * {@code LPOP}, returning the element's bytes.
     *
     * @param key the key
     * @return the element, or null
     * @throws RedisWrongTypeException if the key holds something other than a list
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public byte[] lpopBytes(String key) throws IOException {
        return execute(new Command<>(Replies::bytes, "LPOP", key));
    }

    /**
     * {@code LRANGE}: elements {@code start} to {@code stop}, both included; negative indexes count from
     * the end (-1 is the last).
     *
     * @param key the key
     * @param start the first index
     * @param stop the last index
     * @return the elements
     * @throws RedisWrongTypeException if the key holds something other than a list
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public List<String> lrange(String key, long start, long stop) throws IOException {
        return execute(new Command<>(Replies::textList, "LRANGE", key, start, stop));
    }

    /**
     * {@code LLEN}: the list's length.
     *
     * @param key the key
     * @return its length, 0 if missing
     * @throws RedisWrongTypeException if the key holds something other than a list
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long llen(String key) throws IOException {
        return execute(new Command<>(Replies::integer, "LLEN", key));
    }

    /**
     * {@code BLPOP}: removes the first element of the first non-empty list among {@code keys}, waiting up to
     * {@code timeout} for one to be pushed. On a {@link RedisClient} it runs on a connection of its own, so
     * it never holds up the pipelined commands of other coroutines.
     *
     * @param timeout how long the server waits; {@link Duration#ZERO} for ever
     * @param keys the lists, in priority order
     * @return the key and the element, or null if the time ran out
     * @throws RedisWrongTypeException if a key holds something other than a list
     * @throws IOException if the connection fails, or no reply comes within {@code timeout} plus the
     *     command timeout
     */
    @Suspendable
    public Map.Entry<String, String> blpop(Duration timeout, String... keys) throws IOException {
        return blockingPop("BLPOP", timeout, keys);
    }

    /**
     * {@code BRPOP}: like {@link #blpop} from the tail of the lists.
     *
     * @param timeout how long the server waits; {@link Duration#ZERO} for ever
     * @param keys the lists, in priority order
     * @return the key and the element, or null if the time ran out
     * @throws RedisWrongTypeException if a key holds something other than a list
     * @throws IOException if the connection fails, or no reply comes within {@code timeout} plus the
     *     command timeout
     */
    @Suspendable
    public Map.Entry<String, String> brpop(Duration timeout, String... keys) throws IOException {
        return blockingPop("BRPOP", timeout, keys);
    }

    @Suspendable
    private Map.Entry<String, String> blockingPop(String name, Duration timeout, String... keys) throws IOException {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(name + " timeout must not be negative: " + timeout);
        }
        Object[] args = new Object[keys.length + 2];
        args[0] = name;
        System.arraycopy(keys, 0, args, 1, keys.length);
        // Redis takes the timeout in seconds, with decimals since 6.0.
        args[args.length - 1] = java.math.BigDecimal.valueOf(timeout.toMillis(), 3).toPlainString();
        return executeBlocking(new Command<>(Replies::keyValue, args), timeout);
    }

    // ---- sets ----

    /**
     * {@code SADD}: adds members to the set at {@code key}.
     *
     * @param key the key
     * @param members the members, as UTF-8
     * @return how many were new
     * @throws RedisWrongTypeException if the key holds something other than a set
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long sadd(String key, String... members) throws IOException {
        return execute(new Command<>(Replies::integer, prepend("SADD", key, members)));
    }

    /**
     * {@code SREM}: removes members from the set at {@code key}.
     *
     * @param key the key
     * @param members the members
     * @return how many were there
     * @throws RedisWrongTypeException if the key holds something other than a set
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long srem(String key, String... members) throws IOException {
        return execute(new Command<>(Replies::integer, prepend("SREM", key, members)));
    }

    /**
     * {@code SMEMBERS}: every member of the set at {@code key}.
     *
     * @param key the key
     * @return the members, empty if the key does not exist
     * @throws RedisWrongTypeException if the key holds something other than a set
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public Set<String> smembers(String key) throws IOException {
        return execute(new Command<>(Replies::textSet, "SMEMBERS", key));
    }

    /**
     * {@code SISMEMBER}: whether {@code member} is in the set at {@code key}.
     *
     * @param key the key
     * @param member the member
     * @return true if it is
     * @throws RedisWrongTypeException if the key holds something other than a set
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public boolean sismember(String key, String member) throws IOException {
        return execute(new Command<>(Replies::bool, "SISMEMBER", key, member));
    }

    /**
     * {@code SCARD}: the size of the set at {@code key}.
     *
     * @param key the key
     * @return the number of members, 0 if missing
     * @throws RedisWrongTypeException if the key holds something other than a set
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long scard(String key) throws IOException {
        return execute(new Command<>(Replies::integer, "SCARD", key));
    }

    // ---- pub/sub (publishing; subscribing is RedisClient.subscribe) ----

    /**
     * {@code PUBLISH}: sends {@code message} to the subscribers of {@code channel}.
     *
     * @param channel the channel
     * @param message the message, as UTF-8
     * @return how many subscribers received it
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public long publish(String channel, String message) throws IOException {
        return execute(new Command<>(Replies::integer, "PUBLISH", channel, message));
    }

    // ---- argument helpers ----

    static Object[] prepend(String name, String... rest) {
        if (rest.length == 0) {
            throw new IllegalArgumentException(name + " needs at least one argument");
        }
        Object[] args = new Object[rest.length + 1];
        args[0] = name;
        System.arraycopy(rest, 0, args, 1, rest.length);
        return args;
    }

    static Object[] prepend(String name, String key, String... rest) {
        if (rest.length == 0) {
            throw new IllegalArgumentException(name + " needs at least one value after the key");
        }
        Object[] args = new Object[rest.length + 2];
        args[0] = name;
        args[1] = key;
        System.arraycopy(rest, 0, args, 2, rest.length);
        return args;
    }

    static Object[] pairs(String name, String key, Map<String, String> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one entry");
        }
        List<Object> args = new ArrayList<>(2 + entries.size() * 2);
        args.add(name);
        if (key != null) {
            args.add(key);
        }
        for (Map.Entry<String, String> e : entries.entrySet()) {
            args.add(e.getKey());
            args.add(e.getValue());
        }
        return args.toArray();
    }
}
