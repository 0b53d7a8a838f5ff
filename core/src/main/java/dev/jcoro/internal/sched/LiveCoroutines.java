package dev.jcoro.internal.sched;

/**
 * A loop's started, unfinished coroutines: an intrusive doubly linked list through the coroutines' own
 * {@code prevLive}/{@code nextLive} links (no node per coroutine), with its length, which placement compares
 * with the other loops'. Loop thread only.
 */
final class LiveCoroutines {
    private Coroutine<?> head;
    private int size;

    void add(Coroutine<?> co) {
        co.nextLive = head;
        if (head != null) {
            head.prevLive = co;
        }
        head = co;
        size++;
    }

    void remove(Coroutine<?> co) {
        Coroutine<?> p = co.prevLive;
        Coroutine<?> n = co.nextLive;
        if (p == null) {
            head = n;
        } else {
            p.nextLive = n;
        }
        if (n != null) {
            n.prevLive = p;
        }
        co.prevLive = null;
        co.nextLive = null;
        size--;
    }

    /** The most recently started one; walk on with {@code nextLive}. Null when there is none. */
    Coroutine<?> first() {
        return head;
    }

    int size() {
        return size;
    }
}
