package dev.jcoro.internal.sched;

import java.time.Duration;

/** Converts user durations to timer lengths that {@code System.nanoTime()} arithmetic can hold. */
public final class Deadlines {
    /**
     * The longest timer: half the range of {@code nanoTime}, about 146 years, so that a deadline compared by
     * subtraction never wraps. Longer durations, such as {@code Duration.ofSeconds(Long.MAX_VALUE)} meaning
     * "forever", are cut to it.
     */
    static final long MAX_NANOS = Long.MAX_VALUE / 2;

    private Deadlines() {
    }

    /**
     * The length of {@code d} in nanoseconds, capped at about 146 years; negative durations stay negative.
     *
     * @param d a duration
     * @return its nanoseconds, at most {@link #MAX_NANOS}
     */
    public static long nanos(Duration d) {
        if (d.isNegative()) {
            return -1;
        }
        return d.compareTo(Duration.ofNanos(MAX_NANOS)) >= 0 ? MAX_NANOS : d.toNanos();
    }
}
