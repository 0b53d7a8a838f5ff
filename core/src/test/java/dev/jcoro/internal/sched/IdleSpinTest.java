package dev.jcoro.internal.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdleSpinTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void onlyALoopThatWasHandedWorkRecentlySpins() {
        IdleSpin spin = new IdleSpin();
        assertFalse(spin.worthSpinning(5 * MS), "never handed anything");
        spin.handedIn(10 * MS);
        assertTrue(spin.worthSpinning(10 * MS + MS / 2));
        assertFalse(spin.worthSpinning(12 * MS));
    }

    @Test
    void aSleepThatAHandInEndedSoonDoublesTheBudgetUpToItsLimit() {
        IdleSpin spin = new IdleSpin();
        assertEquals(IdleSpin.START_NANOS, spin.budget());
        spin.slept(IdleSpin.START_NANOS, true);
        assertEquals(2 * IdleSpin.START_NANOS, spin.budget());
        for (int i = 0; i < 20; i++) {
            spin.slept(spin.budget(), true);
        }
        assertEquals(IdleSpin.MAX_NANOS, spin.budget());
    }

    @Test
    void aLongSleepOrOneEndedBySocketsOrTimersHalvesTheBudgetDownToItsFloor() {
        IdleSpin spin = new IdleSpin();
        spin.slept(IdleSpin.START_NANOS, false);
        assertEquals(IdleSpin.START_NANOS / 2, spin.budget());
        spin.slept(10 * MS, true);
        assertEquals(IdleSpin.START_NANOS / 4, spin.budget());
        for (int i = 0; i < 20; i++) {
            spin.slept(10 * MS, false);
        }
        assertEquals(IdleSpin.MIN_NANOS, spin.budget());
    }

    @Test
    void aSpinEndsAsSoonAsWorkIsHandedIn() {
        IdleSpin spin = new IdleSpin();
        int[] looks = {0};
        assertTrue(spin.spin(System.nanoTime(), -1, () -> ++looks[0] == 3, null));
        assertEquals(3, looks[0]);
    }
}
