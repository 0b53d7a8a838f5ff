package dev.jcoro.internal.sched;

import dev.jcoro.internal.jfr.RuntimeEvents;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Notices a coroutine that holds its carrier thread too long without suspending — a {@code Thread.sleep}
 * or a blocking socket inside a coroutine, which stalls every other coroutine of that loop — and reports
 * it once, with the carrier thread's stack (which shows the blocking call) and how long it has blocked.
 * Checked by the scheduler's {@link Monitor}.
 */
final class Watchdog {
    private final long thresholdNanos;
    private final Consumer<String> reporter;

    Watchdog(long thresholdNanos, Consumer<String> reporter) {
        this.thresholdNanos = thresholdNanos;
        this.reporter = reporter;
    }

    /** How often the monitor should look: four times per threshold reports within 1.25 thresholds. */
    long periodNanos() {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), thresholdNanos / 4);
    }

    void check(EventLoop loop, long now) {
        long start = loop.runStart;
        if (start == 0) {
            return;
        }
        long held = now - start;
        Coroutine<?> co = loop.current;
        if (held < thresholdNanos || co == null || co.blockReported) {
            return;
        }
        StackTraceElement[] stack = loop.thread.getStackTrace();
        // The coroutine may have suspended while the stack was taken: only report if the same run goes on.
        if (loop.runStart != start || loop.current != co) {
            return;
        }
        co.blockReported = true;
        String carrierStack = carrierStack(stack);
        RuntimeEvents.blockedCarrier(co.id, loop.thread, held, carrierStack);
        reporter.accept(report(loop, co, held, carrierStack));
    }

    private String report(EventLoop loop, Coroutine<?> co, long heldNanos, String carrierStack) {
        StringBuilder sb = new StringBuilder();
        sb.append("jcoro: coroutine #").append(co.id).append(" has blocked carrier thread ")
                .append(loop.thread.getName()).append(" for ").append(TimeUnit.NANOSECONDS.toMillis(heldNanos))
                .append(" ms without suspending (threshold ").append(TimeUnit.NANOSECONDS.toMillis(thresholdNanos))
                .append(" ms); every other coroutine of that loop waits meanwhile. Use Coroutines.sleep instead of "
                        + "Thread.sleep, and Coroutines.offload for blocking calls. Carrier stack:\n");
        return sb.append(carrierStack).toString();
    }

    /** The carrier's frames above its loop: what the coroutine was doing. */
    private static String carrierStack(StackTraceElement[] stack) {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : stack) {
            if (e.getClassName().equals(EventLoop.class.getName())) {
                break;
            }
            sb.append("\tat ").append(e).append('\n');
        }
        return sb.toString();
    }
}
