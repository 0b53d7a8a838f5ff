package dev.jcoro.internal.sched;

/**
 * Where a value goes when it was handed to a waiting coroutine that will never resume to take it — its
 * loop failed, or it was abandoned at close. A channel's queue entry is one: it passes the value to the
 * channel's undelivered-element hook, so that no value disappears without a trace.
 */
public interface UndeliveredSink {
    /**
     * Takes back a value that was handed over but not delivered. Called on the loop that gave up on the
     * coroutine; must not suspend or block.
     *
     * @param item the value
     */
    void undelivered(Object item);
}
