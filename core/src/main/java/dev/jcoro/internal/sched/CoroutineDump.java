package dev.jcoro.internal.sched;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The text of a coroutine dump: per loop, each live coroutine's state, what it waits for and, when it is
 * suspended, its logical stack — what a thread dump is for threads.
 *
 * <p>A loop's coroutines are described on the loop's own thread, where their frame stacks do not move;
 * a loop that does not answer within a second is blocked, and is shown with its carrier thread's stack.
 */
final class CoroutineDump {
    private static final long ANSWER_SECONDS = 1;

    private CoroutineDump() {
    }

    static String of(Collection<SchedulerImpl> schedulers) {
        StringBuilder sb = new StringBuilder();
        for (SchedulerImpl s : schedulers) {
            sb.append(s.dump());
        }
        return sb.length() == 0 ? "no open jcoro scheduler\n" : sb.toString();
    }

    static String of(SchedulerImpl scheduler, String name, boolean closing) {
        StringBuilder sb = new StringBuilder();
        sb.append("scheduler ").append(name).append(": ").append(scheduler.liveCount()).append(" live coroutines")
                .append(closing ? " (closing)" : "").append('\n');
        for (EventLoop loop : scheduler.loops) {
            sb.append(ofLoop(loop));
        }
        return sb.toString();
    }

    private static String ofLoop(EventLoop loop) {
        String name = loop.thread.getName();
        if (loop.inLoop()) {
            return onLoop(loop);
        }
        if (!loop.thread.isAlive()) {
            return "loop " + name + ": stopped\n";
        }
        CompletableFuture<String> text = new CompletableFuture<>();
        loop.execute(() -> text.complete(onLoop(loop)));
        try {
            return text.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return blocked(loop);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "loop " + name + ": dump interrupted\n";
        } catch (Exception e) {
            return "loop " + name + ": dump failed: " + e + "\n";
        }
    }

    /** Runs on the loop's thread. */
    private static String onLoop(EventLoop loop) {
        StringBuilder sb = new StringBuilder();
        sb.append("loop ").append(loop.thread.getName()).append(": ").append(loop.timers.size())
                .append(" timers pending\n");
        int count = 0;
        for (Coroutine<?> c = loop.liveHead(); c != null; c = c.nextLive) {
            count++;
            sb.append("  ").append(c.describe()).append('\n');
            if (c != loop.current) {
                for (StackTraceElement e : c.continuation.getStackTrace()) {
                    sb.append("      at ").append(e).append('\n');
                }
            }
        }
        for (Coroutine<?> c : loop.fresh) {
            count++;
            sb.append("  ").append(c.describe()).append('\n');
        }
        int[] local = {0};
        loop.local.forEach(c -> {
            local[0]++;
            sb.append("  ").append(c.describe()).append('\n');
        });
        count += local[0];
        if (count == 0) {
            sb.append("  (no coroutines)\n");
        }
        return sb.toString();
    }

    private static String blocked(EventLoop loop) {
        StringBuilder sb = new StringBuilder();
        Coroutine<?> co = loop.current;
        sb.append("loop ").append(loop.thread.getName()).append(": did not answer within ").append(ANSWER_SECONDS)
                .append(" s; it runs ").append(co == null ? "no coroutine" : co.describe())
                .append(", carrier stack:\n");
        for (StackTraceElement e : loop.thread.getStackTrace()) {
            sb.append("      at ").append(e).append('\n');
        }
        return sb.toString();
    }
}
