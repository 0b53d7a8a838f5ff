package dev.jcoro.internal.jfr;

/**
 * The half of {@link RuntimeEvents} that names {@code jdk.jfr} types; loaded only when the module is there.
 * Each method creates its event, and fills and commits it only if the event is enabled.
 */
final class JfrCommits {
    private JfrCommits() {
    }

    static void coroutineStarted(long coroutineId) {
        CoroutineStartEvent e = new CoroutineStartEvent();
        if (e.isEnabled()) {
            e.coroutineId = coroutineId;
            e.commit();
        }
    }

    static void coroutineEnded(long coroutineId, Throwable failure, boolean cancelled) {
        CoroutineEndEvent e = new CoroutineEndEvent();
        if (e.isEnabled()) {
            e.coroutineId = coroutineId;
            e.outcome = cancelled ? "cancelled" : failure != null ? "failed" : "returned";
            e.exception = failure == null ? "" : failure.getClass().getName();
            e.commit();
        }
    }

    static void blockedCarrier(long coroutineId, Thread carrier, long blockedNanos, String stack) {
        BlockedCarrierEvent e = new BlockedCarrierEvent();
        if (e.isEnabled()) {
            e.coroutineId = coroutineId;
            e.carrier = carrier;
            e.blocked = blockedNanos;
            e.stack = stack;
            e.commit();
        }
    }

    static Object offloadSubmitted(long coroutineId, Object work) {
        OffloadSubmittedEvent submitted = new OffloadSubmittedEvent();
        if (submitted.isEnabled()) {
            submitted.coroutineId = coroutineId;
            submitted.work = work.getClass().getName();
            submitted.commit();
        }
        OffloadFinishedEvent finished = new OffloadFinishedEvent();
        if (!finished.isEnabled()) {
            return null;
        }
        finished.coroutineId = coroutineId;
        finished.work = work.getClass().getName();
        finished.begin();
        return finished;
    }

    static void offloadFinished(Object submitted, boolean failed) {
        OffloadFinishedEvent e = (OffloadFinishedEvent) submitted;
        e.end();
        if (e.shouldCommit()) {
            e.failed = failed;
            e.commit();
        }
    }

    static boolean lateWakeupsEnabled() {
        return new SelectorWakeupEvent().isEnabled();
    }

    static void selectorWokeLate(long timeoutNanos, long latenessNanos) {
        SelectorWakeupEvent e = new SelectorWakeupEvent();
        if (e.isEnabled()) {
            e.timeout = timeoutNanos;
            e.lateness = latenessNanos;
            e.commit();
        }
    }
}
