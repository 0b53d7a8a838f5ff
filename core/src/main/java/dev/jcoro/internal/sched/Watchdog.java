package dev.jcoro.internal.sched;

import dev.jcoro.internal.jfr.RuntimeEvents;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Notices a coroutine that holds its carrier thread too long without suspending — a {@code Thread.sleep}
 * or a blocking socket inside a coroutine, which stalls every other coroutine of that loop — and reports
 * it once, with the carrier thread's stack (which shows the blocking call) and how long it has blocked.
 * Checked by the scheduler's {@link Monitor} on each of its ticks.
 *
 * <p>Only time the process was really running counts. When the whole machine is starved, the monitor
 * thread itself wakes late, by about as long as the carrier could not run either; that lateness is
 * taken off, so a report means the coroutine held its carrier, not that the operating system held the
 * process. A stall spent loading (and, under the agent, instrumenting) classes is reported as such.
 */
final class Watchdog {
    private final long thresholdNanos;
    private final Consumer<String> reporter;
    /** Per loop index: the resume being measured (the loop's runSeq), 0 for none. Monitor thread only. */
    private final long[] measuredSeq;
    /** Per loop index: the tick that first saw that resume. */
    private final long[] firstSeen;
    /** Per loop index: the part of that resume, since it was first seen, during which the monitor was on time. */
    private final long[] creditedNanos;
    /** Per loop index: whether a stack taken during that run showed class loading. */
    private final boolean[] sawClassLoading;

    Watchdog(long thresholdNanos, Consumer<String> reporter, int loops) {
        this.thresholdNanos = thresholdNanos;
        this.reporter = reporter;
        this.measuredSeq = new long[loops];
        this.firstSeen = new long[loops];
        this.creditedNanos = new long[loops];
        this.sawClassLoading = new boolean[loops];
    }

    /** How often the monitor should look: four times per threshold reports within 1.25 thresholds. */
    long periodNanos() {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), thresholdNanos / 4);
    }

    /**
     * Looks at {@code loop} on a monitor tick. A resume is timed from the first tick that sees it (the loop
     * counts resumes rather than reading the clock for each), so a report comes at most one tick later than
     * the threshold and counts only the time since that tick.
     *
     * @param now this tick's time
     * @param previousTick the previous tick's time
     * @param lateNanos how much later than planned this tick came: time the process was most likely not
     *     running, discounted from the coroutine's count
     */
    void check(EventLoop loop, long now, long previousTick, long lateNanos) {
        int i = loop.index;
        long seq = loop.runSeq;
        Coroutine<?> co = loop.current;
        if (co == null) {
            measuredSeq[i] = 0;
            return;
        }
        if (measuredSeq[i] != seq) {
            measuredSeq[i] = seq;
            firstSeen[i] = now;
            creditedNanos[i] = 0;
            sawClassLoading[i] = false;
            return;
        }
        creditedNanos[i] += Math.max(0, now - previousTick - lateNanos);
        if (co.blockReported || creditedNanos[i] < thresholdNanos / 2) {
            return;
        }
        StackTraceElement[] stack = loop.thread.getStackTrace();
        // The coroutine may have suspended while the stack was taken: only go on if the same run goes on.
        if (loop.runSeq != seq || loop.current != co) {
            return;
        }
        if (loadsClasses(stack)) {
            sawClassLoading[i] = true;
        }
        if (creditedNanos[i] < thresholdNanos) {
            return;
        }
        co.blockReported = true;
        String carrierStack = carrierStack(stack);
        RuntimeEvents.blockedCarrier(co.id, loop.thread, creditedNanos[i], carrierStack);
        reporter.accept(report(loop, co, now - firstSeen[i], creditedNanos[i], sawClassLoading[i], carrierStack));
    }

    /** True if the carrier is inside the class loader or a class file transformer (the jcoro agent's). */
    static boolean loadsClasses(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            String m = e.getMethodName();
            if (c.startsWith("sun.instrument.") || c.startsWith("dev.jcoro.instrument.")
                    || c.equals("java.lang.ClassLoader") && (m.startsWith("loadClass") || m.startsWith("defineClass"))
                    || c.startsWith("jdk.internal.loader.") && m.startsWith("loadClass")) {
                return true;
            }
        }
        return false;
    }

    private String report(EventLoop loop, Coroutine<?> co, long heldNanos, long creditedNanos, boolean classLoading,
                          String carrierStack) {
        StringBuilder sb = new StringBuilder();
        sb.append("jcoro: coroutine #").append(co.id).append(" has blocked carrier thread ")
                .append(loop.thread.getName()).append(" for ").append(TimeUnit.NANOSECONDS.toMillis(creditedNanos))
                .append(" ms without suspending (threshold ").append(TimeUnit.NANOSECONDS.toMillis(thresholdNanos))
                .append(" ms");
        long starved = heldNanos - creditedNanos;
        if (TimeUnit.NANOSECONDS.toMillis(starved) > 0) {
            sb.append("; ").append(TimeUnit.NANOSECONDS.toMillis(heldNanos)).append(" ms by the clock, of which ")
                    .append(TimeUnit.NANOSECONDS.toMillis(starved))
                    .append(" ms the process itself was not running and are not counted");
        }
        sb.append("); every other coroutine of that loop waits meanwhile. ");
        if (classLoading) {
            sb.append("The carrier was loading classes (and, under the jcoro agent, instrumenting them) — a cost "
                    + "of first use, not of the coroutine's own code; it goes away once the classes are loaded, "
                    + "or with build-time instrumentation. Carrier stack:\n");
        } else {
            sb.append("Use Coroutines.sleep instead of Thread.sleep, and Coroutines.offload for blocking calls. "
                    + "Carrier stack:\n");
        }
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
