package dev.jcoro.internal.sched;

import dev.jcoro.internal.jfr.RuntimeEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A loop's {@link Selector} and the wake-up protocol around it (Netty's {@code IoHandler} plus its
 * wake-up avoidance). The selector is used by the loop's thread alone; other threads only call
 * {@link #wakeIfParked()}, which costs them a read unless the loop really sleeps in {@code select}:
 * {@link Selector#wakeup()} is a system call on both sides (and dearer on JDK 17 than on 25), so it is paid
 * only by the one producer that finds the loop parked.
 */
final class LoopSelector {
    private static final int AWAKE = 0;
    private static final int PARKED = 1;

    private final Selector selector;
    /** AWAKE while the loop runs or spins; PARKED from just before {@code select} until it returns. */
    private final AtomicInteger state = new AtomicInteger(AWAKE);
    /** When the selector was last polled (System.nanoTime). Loop thread only. */
    long lastPoll;

    LoopSelector(String loopName) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for " + loopName, e);
        }
    }

    Selector selector() {
        return selector;
    }

    /** Wakes the loop if it sleeps in its selector; true if this call woke it. Any thread. */
    boolean wakeIfParked() {
        // Test before test-and-set: a loop that is awake costs its producers a read, not a cache-line steal.
        if (state.get() == PARKED && state.compareAndSet(PARKED, AWAKE)) {
            selector.wakeup();
            return true;
        }
        return false;
    }

    /** True while the loop sleeps in its selector (or is about to). Any thread; a snapshot. */
    boolean isParked() {
        return state.get() == PARKED;
    }

    /** Wakes the selector unconditionally, so that a key cancelled by another thread is released at once. */
    void wakeup() {
        selector.wakeup();
    }

    /** Polls the ready channels without waiting. Loop thread only. */
    int pollNow(long now) throws IOException {
        int n = selector.selectNow(LoopSelector::dispatch);
        lastPoll = now;
        return n;
    }

    /**
     * Sleeps in the selector until a channel is ready, a producer wakes the loop, or {@code timeoutMillis}
     * pass (0: no limit). {@code workArrived} is checked after the loop announced that it parks: work handed
     * in before the announcement would not wake it. Loop thread only.
     *
     * @return the number of channels found ready
     */
    int park(long timeoutMillis, BooleanSupplier workArrived) throws IOException {
        state.set(PARKED);
        if (workArrived.getAsBoolean()) {
            // A producer that saw PARKED meanwhile has called wakeup(); the next select returns at once.
            state.set(AWAKE);
            return pollNow(System.nanoTime());
        }
        boolean timed = timeoutMillis > 0 && RuntimeEvents.lateWakeupsRecorded();
        long before = timed ? System.nanoTime() : 0;
        int ready = selector.select(LoopSelector::dispatch, timeoutMillis);
        state.set(AWAKE);
        lastPoll = System.nanoTime();
        if (timed && ready == 0) {
            long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            RuntimeEvents.selectorWokeLate(timeoutNanos, lastPoll - before - timeoutNanos);
        }
        return ready;
    }

    /** True if some registered channel waits for I/O. Loop thread only. */
    boolean hasIoInterest() {
        for (SelectionKey key : selector.keys()) {
            try {
                if (key.interestOps() != 0) {
                    return true;
                }
            } catch (CancelledKeyException closed) {
                // A channel closed meanwhile waits for nothing.
            }
        }
        return false;
    }

    void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // The loop is gone; nothing more can be done with its selector.
        }
    }

    private static void dispatch(SelectionKey key) {
        ((IoHandler) key.attachment()).onReady(key);
    }
}
