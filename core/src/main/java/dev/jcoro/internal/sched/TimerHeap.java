package dev.jcoro.internal.sched;

import java.util.Arrays;

/**
 * The timers of one loop: a binary min-heap ordered by deadline, then by the order they were set, so
 * timers with the same deadline fire in the order they were scheduled. Adding, cancelling and firing
 * each cost O(log n), which keeps a million pending sleeps cheap. Confined to the loop's thread.
 */
final class TimerHeap {
    private Timer[] heap = new Timer[16];
    private int size;
    private long nextSequence;

    /**
     * Schedules {@code action} to run on the loop once its loop's clock reaches {@code deadline}.
     */
    Timer schedule(long deadline, Runnable action) {
        Timer t = new Timer(deadline, nextSequence++, action);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = t;
        t.index = size;
        size++;
        siftUp(t.index);
        return t;
    }

    /** Removes {@code t} if it is still pending; a timer that already fired is left alone. */
    void cancel(Timer t) {
        int i = t.index;
        if (i < 0) {
            return;
        }
        t.index = -1;
        size--;
        if (i == size) {
            heap[size] = null;
            return;
        }
        Timer last = heap[size];
        heap[size] = null;
        heap[i] = last;
        last.index = i;
        siftDown(i);
        if (heap[i] == last) {
            siftUp(i);
        }
    }

    /** Runs, in deadline order, every timer due at {@code now}. Timers set by those actions wait for the next call. */
    void fireDue(long now) {
        long limit = nextSequence;
        while (size > 0) {
            Timer top = heap[0];
            if (top.deadline - now > 0 || top.sequence >= limit) {
                return;
            }
            cancel(top);
            top.action.run();
        }
    }

    /** Nanoseconds until the earliest deadline (0 if one is due), or -1 when no timer is pending. */
    long nanosToNext(long now) {
        if (size == 0) {
            return -1;
        }
        return Math.max(0, heap[0].deadline - now);
    }

    int size() {
        return size;
    }

    private void siftUp(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (!t.firesBefore(p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = t;
        t.index = i;
    }

    private void siftDown(int i) {
        Timer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Timer c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].firesBefore(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.firesBefore(t)) {
                break;
            }
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = t;
        t.index = i;
    }
}
