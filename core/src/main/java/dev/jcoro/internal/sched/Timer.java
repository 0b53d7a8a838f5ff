package dev.jcoro.internal.sched;

/**
 * One pending timer of a loop: what to run, and when. Owned by one {@link TimerHeap}, which alone reads
 * and writes its fields.
 */
public final class Timer {
    final long deadline;
    final long sequence;
    final Runnable action;
    /** Position in the heap's array; -1 once fired or cancelled. */
    int index = -1;

    Timer(long deadline, long sequence, Runnable action) {
        this.deadline = deadline;
        this.sequence = sequence;
        this.action = action;
    }

    boolean firesBefore(Timer other) {
        // Subtraction, not comparison, so that nanoTime values that wrap around still order correctly.
        long d = deadline - other.deadline;
        return d < 0 || d == 0 && sequence < other.sequence;
    }
}
