package dev.jcoro.internal.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StealableQueueTest {
    @RegisterExtension
    final UnlaunchedCoroutines coroutines = new UnlaunchedCoroutines();

    @Test
    void theOwnerTakesWhatItAddedOldestFirst() {
        StealableQueue q = new StealableQueue();
        Coroutine<?> a = coroutines.make();
        Coroutine<?> b = coroutines.make();
        assertTrue(q.push(a));
        assertTrue(q.push(b));
        assertEquals(2, q.size());
        assertSame(a, q.poll());
        assertSame(b, q.poll());
        assertNull(q.poll());
        assertTrue(q.isEmpty());
    }

    @Test
    void aFullQueueRefusesAndTakesAgainOnceDrained() {
        StealableQueue q = new StealableQueue();
        Coroutine<?> co = coroutines.make();
        for (int i = 0; i < StealableQueue.CAPACITY; i++) {
            assertTrue(q.push(co));
        }
        assertFalse(q.push(co));
        assertSame(co, q.poll());
        assertTrue(q.push(co), "one slot free again");
        assertEquals(StealableQueue.CAPACITY, q.size());
    }

    @Test
    void aThiefTakesTheOlderHalfAndLeavesALoneOneToTheOwner() {
        StealableQueue q = new StealableQueue();
        List<Coroutine<?>> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Coroutine<?> co = coroutines.make();
            added.add(co);
            q.push(co);
        }
        Coroutine<?>[] into = new Coroutine<?>[8];
        assertEquals(2, q.stealHalf(into, into.length));
        assertSame(added.get(0), into[0]);
        assertSame(added.get(1), into[1]);
        assertEquals(1, q.stealHalf(into, into.length));
        assertSame(added.get(2), into[0]);
        assertEquals(1, q.stealHalf(into, into.length));
        assertSame(added.get(3), into[0]);
        assertEquals(0, q.stealHalf(into, into.length), "a lone coroutine stays with its owner");
        assertSame(added.get(4), q.poll());
    }

    @Test
    void aStealIsBoundedByItsLimit() {
        StealableQueue q = new StealableQueue();
        for (int i = 0; i < 100; i++) {
            q.push(coroutines.make());
        }
        Coroutine<?>[] into = new Coroutine<?>[10];
        assertEquals(10, q.stealHalf(into, 10));
        assertEquals(90, q.size());
    }

    @Test
    void everyCoroutineIsTakenExactlyOnceWhileThievesRaceTheOwner() throws Exception {
        StealableQueue q = new StealableQueue();
        int total = 50_000;
        Coroutine<?>[] all = new Coroutine<?>[total];
        for (int i = 0; i < total; i++) {
            all[i] = coroutines.make();
        }
        // Coroutines compare by identity: a slot taken twice shows up as an add that finds its element.
        Set<Coroutine<?>> taken = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> thieves = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread thief = new Thread(() -> {
                Coroutine<?>[] into = new Coroutine<?>[64];
                while (!done.get() || !q.isEmpty()) {
                    int n = q.stealHalf(into, into.length);
                    for (int i = 0; i < n; i++) {
                        if (!taken.add(into[i])) {
                            duplicates.incrementAndGet();
                        }
                    }
                    Coroutine<?> co = q.poll();
                    if (co != null && !taken.add(co)) {
                        duplicates.incrementAndGet();
                    }
                }
            });
            thieves.add(thief);
            thief.start();
        }
        int pushed = 0;
        while (pushed < total) {
            if (q.push(all[pushed])) {
                pushed++;
            } else {
                Coroutine<?> co = q.poll();
                if (co != null && !taken.add(co)) {
                    duplicates.incrementAndGet();
                }
            }
        }
        done.set(true);
        for (Thread t : thieves) {
            t.join();
        }
        assertEquals(0, duplicates.get());
        assertTrue(q.isEmpty());
        assertEquals(total, taken.size(), "every pushed coroutine was taken");
    }
}
