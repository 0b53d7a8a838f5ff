package dev.jcoro.internal.sched;

/** The clock of every ordinary scheduler: {@link System#nanoTime()}. */
final class SystemClock implements LoopClock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
