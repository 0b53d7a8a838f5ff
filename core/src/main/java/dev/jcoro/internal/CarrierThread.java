package dev.jcoro.internal;

/**
 * A thread that runs continuations many times over. It keeps the mounted frame stack in a field, so
 * instrumented code running on it finds its continuation without a {@link ThreadLocal} lookup, and the
 * scheduler finds the thread's event loop (its task) the same way.
 */
public final class CarrierThread extends Thread {
    FrameStack mounted = FrameStack.NONE;
    /** The stack of the last continuation that ended on this thread, for the next one to start here. */
    FrameStack spare;
    private final Runnable task;

    /**
     * Creates a carrier thread.
     *
     * @param task what the thread runs
     * @param name the thread's name
     */
    public CarrierThread(Runnable task, String name) {
        super(task, name);
        this.task = task;
    }

    /**
     * What the thread runs, as given to the constructor.
     *
     * @return the task; the scheduler's event loop on the scheduler's carriers
     */
    public Runnable task() {
        return task;
    }
}
