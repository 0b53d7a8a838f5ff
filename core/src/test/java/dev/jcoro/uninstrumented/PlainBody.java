package dev.jcoro.uninstrumented;

import dev.jcoro.Continuation;
import dev.jcoro.SuspendableRunnable;

/**
 * A continuation body the agent never rewrites: core's pom excludes this package, the way a user's
 * build might forget the agent for one jar.
 */
public final class PlainBody implements SuspendableRunnable {
    public int after;

    @Override
    public void run() {
        Continuation.suspend();
        after++;
    }
}
