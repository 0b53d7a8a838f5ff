package dev.jcoro.internal.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TimerHeapTest {
    @Test
    void firesDueTimersInDeadlineOrderAndTiesInScheduleOrder() {
        TimerHeap heap = new TimerHeap();
        List<String> fired = new ArrayList<>();
        heap.schedule(30, () -> fired.add("30a"));
        heap.schedule(10, () -> fired.add("10a"));
        heap.schedule(20, () -> fired.add("20"));
        heap.schedule(10, () -> fired.add("10b"));
        heap.schedule(30, () -> fired.add("30b"));
        heap.fireDue(25);
        assertEquals(List.of("10a", "10b", "20"), fired);
        assertEquals(2, heap.size());
        assertEquals(5, heap.nanosToNext(25));
        heap.fireDue(30);
        assertEquals(List.of("10a", "10b", "20", "30a", "30b"), fired);
        assertEquals(-1, heap.nanosToNext(30));
    }

    @Test
    void cancelledTimersNeverFireAndCancellingTwiceIsHarmless() {
        TimerHeap heap = new TimerHeap();
        List<Integer> fired = new ArrayList<>();
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            timers.add(heap.schedule(i, () -> fired.add(n)));
        }
        heap.cancel(timers.get(3));
        heap.cancel(timers.get(0));
        heap.cancel(timers.get(9));
        heap.cancel(timers.get(3));
        heap.fireDue(100);
        assertEquals(List.of(1, 2, 4, 5, 6, 7, 8), fired);
        heap.cancel(timers.get(5));
        assertEquals(0, heap.size());
    }

    @Test
    void timersSetByAFiringActionWaitForTheNextRound() {
        TimerHeap heap = new TimerHeap();
        List<String> fired = new ArrayList<>();
        heap.schedule(1, () -> {
            fired.add("first");
            heap.schedule(0, () -> fired.add("second"));
        });
        heap.fireDue(5);
        assertEquals(List.of("first"), fired);
        heap.fireDue(5);
        assertEquals(List.of("first", "second"), fired);
    }

    @Test
    void deadlinesNearTheWrapOfNanoTimeStillOrderCorrectly() {
        TimerHeap heap = new TimerHeap();
        List<String> fired = new ArrayList<>();
        heap.schedule(Long.MIN_VALUE + 5, () -> fired.add("after wrap"));
        heap.schedule(Long.MAX_VALUE - 5, () -> fired.add("before wrap"));
        heap.fireDue(Long.MIN_VALUE + 10);
        assertEquals(List.of("before wrap", "after wrap"), fired);
    }

    @Test
    void aMillionPendingTimersStayOrderedUnderRandomCancellation() {
        int n = 1_000_000;
        TimerHeap heap = new TimerHeap();
        Random random = new Random(42);
        long[] fired = {Long.MIN_VALUE, 0};
        Timer[] timers = new Timer[n];
        for (int i = 0; i < n; i++) {
            long deadline = random.nextInt(10_000_000);
            timers[i] = heap.schedule(deadline, () -> {
                if (deadline < fired[0]) {
                    throw new AssertionError("out of order: " + deadline + " after " + fired[0]);
                }
                fired[0] = deadline;
                fired[1]++;
            });
        }
        int cancelled = 0;
        for (int i = 0; i < n; i += 3) {
            heap.cancel(timers[i]);
            cancelled++;
        }
        assertEquals(n - cancelled, heap.size());
        heap.fireDue(10_000_000);
        assertEquals(n - cancelled, fired[1]);
        assertEquals(0, heap.size());
    }
}
