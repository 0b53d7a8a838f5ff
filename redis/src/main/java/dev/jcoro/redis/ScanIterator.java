package dev.jcoro.redis;

import dev.jcoro.Suspendable;
import dev.jcoro.redis.internal.Command;
import dev.jcoro.redis.internal.Replies;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The keys of a {@code SCAN}, fetched a page at a time as iteration needs them: {@link #hasNext()} suspends
 * while the next page is on its way. Use it with a plain loop (a for-each loop would call
 * {@code hasNext()} through {@link java.util.Iterator}, which cannot suspend):
 *
 * <pre>{@code
 * for (ScanIterator it = client.scan("session:*", 1000); it.hasNext(); ) {
 *     client.del(it.next());
 * }
 * }</pre>
 *
 * <p>SCAN's guarantees apply: every key present for the whole iteration is returned; a key may be returned
 * more than once, and keys added or removed meanwhile may or may not be. Used by one coroutine.
 */
public final class ScanIterator {
    private final RedisCommands commands;
    private final String match;
    private final int count;
    private String cursor = "0";
    private boolean finished;
    private List<String> page = List.of();
    private int index;

    ScanIterator(RedisCommands commands, String match, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("SCAN count must not be negative: " + count);
        }
        this.commands = commands;
        this.match = match;
        this.count = count;
    }

    /**
     * Tells whether another key follows, fetching pages until one holds a key or the scan ends (a page may be
     * empty while the scan goes on).
     *
     * @return true if {@link #next()} has a key to return
     * @throws RedisException if the server refuses the command
     * @throws IOException if the connection fails or a reply does not come in time
     */
    @Suspendable
    public boolean hasNext() throws IOException {
        while (index >= page.size()) {
            if (finished) {
                return false;
            }
            fetch();
        }
        return true;
    }

    /**
     * The next key.
     *
     * @return the key
     * @throws NoSuchElementException if the page in hand is used up: call {@link #hasNext()} first
     */
    public String next() {
        if (index >= page.size()) {
            throw new NoSuchElementException("no key fetched: call hasNext() first, which fetches the next page");
        }
        return page.get(index++);
    }

    @Suspendable
    private void fetch() throws IOException {
        List<Object> args = new ArrayList<>(List.of("SCAN", cursor));
        if (match != null) {
            args.add("MATCH");
            args.add(match);
        }
        if (count > 0) {
            args.add("COUNT");
            args.add(count);
        }
        RespValue reply = commands.execute(new Command<>(Replies::raw, args.toArray()));
        List<RespValue> parts = reply.asList();
        if (parts == null || parts.size() != 2) {
            throw new IllegalStateException("expected SCAN to reply with a cursor and a page of keys, got " + reply);
        }
        cursor = parts.get(0).asText();
        finished = cursor.equals("0");
        page = Replies.textList(parts.get(1));
        index = 0;
    }
}
