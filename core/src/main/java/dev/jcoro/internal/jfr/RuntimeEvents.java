package dev.jcoro.internal.jfr;

import java.util.concurrent.TimeUnit;

/**
 * Where the runtime reports what JFR may record: coroutines starting and ending, blocked carriers,
 * offloads, late selector wake-ups. The event classes live beside it, named {@code dev.jcoro.*}, in the
 * {@code jcoro} category.
 *
 * <p>This class never names a {@code jdk.jfr} type, so it loads on a runtime without the {@code jdk.jfr}
 * module (a jlink image that left it out); there every method does nothing. With the module present, each
 * method asks its event whether it is enabled before it does any work: while no recording runs, or the event
 * is off, a call costs a constant test and a field read, and allocates nothing (the unused event object is
 * removed by escape analysis).
 */
public final class RuntimeEvents {
    /** A wake-up at least this late is recorded: less is ordinary scheduling noise. */
    public static final long LATE_WAKEUP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final boolean JFR = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private RuntimeEvents() {
    }

    /** True once a recording may want our events; false for good on a runtime without {@code jdk.jfr}. */
    private static boolean recorderRuns() {
        return JFR && RecorderState.initialized();
    }

    /** A coroutine started running. Called on its loop. */
    public static void coroutineStarted(long coroutineId) {
        if (recorderRuns()) {
            JfrCommits.coroutineStarted(coroutineId);
        }
    }

    /**
     * A coroutine ended.
     *
     * @param failure what it threw, or null
     * @param cancelled whether it had been cancelled
     */
    public static void coroutineEnded(long coroutineId, Throwable failure, boolean cancelled) {
        if (recorderRuns()) {
            JfrCommits.coroutineEnded(coroutineId, failure, cancelled);
        }
    }

    /** The watchdog saw {@code coroutineId} hold {@code carrier} for {@code blockedNanos}. Any thread. */
    public static void blockedCarrier(long coroutineId, Thread carrier, long blockedNanos, String stack) {
        if (recorderRuns()) {
            JfrCommits.blockedCarrier(coroutineId, carrier, blockedNanos, stack);
        }
    }

    /**
     * A coroutine submits {@code work} to the offload pool. Called on its loop.
     *
     * @return what to hand to {@link #offloadFinished} when the work ends; null when nothing is recorded
     */
    public static Object offloadSubmitted(long coroutineId, Object work) {
        return recorderRuns() ? JfrCommits.offloadSubmitted(coroutineId, work) : null;
    }

    /** Offloaded work ended. Called on the pool thread that ran it. */
    public static void offloadFinished(Object submitted, boolean failed) {
        if (submitted != null) {
            JfrCommits.offloadFinished(submitted, failed);
        }
    }

    /** True if late selector wake-ups are being recorded, so that a loop should time its sleeps. */
    public static boolean lateWakeupsRecorded() {
        return recorderRuns() && JfrCommits.lateWakeupsEnabled();
    }

    /**
     * A loop that meant to sleep {@code timeoutNanos} in its selector slept {@code latenessNanos} longer.
     * Recorded from {@link #LATE_WAKEUP_NANOS} on.
     */
    public static void selectorWokeLate(long timeoutNanos, long latenessNanos) {
        if (latenessNanos >= LATE_WAKEUP_NANOS && recorderRuns()) {
            JfrCommits.selectorWokeLate(timeoutNanos, latenessNanos);
        }
    }
}
