package demo;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import dev.jcoro.sync.Channel;
import java.util.List;

/** Coroutine code of a project that uses jcoro: instrumented by the plugin, run without the agent. */
public final class Countdown {
    private Countdown() {
    }

    /** Adds n, n-1, ..., 1 to {@code out}, pausing after each. */
    @Suspendable
    public static void count(int n, List<Integer> out) {
        for (int i = n; i > 0; i--) {
            out.add(i);
            Continuation.suspend();
        }
    }

    /** Sends 1..n through a rendezvous channel: each send waits for the receiver, so both sides suspend. */
    @Suspendable
    public static void produce(Channel<Integer> channel, int n) {
        for (int i = 1; i <= n; i++) {
            channel.send(i);
        }
        channel.close();
    }
}
