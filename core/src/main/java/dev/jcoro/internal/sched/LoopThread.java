package dev.jcoro.internal.sched;

import dev.jcoro.internal.CarrierThread;

/** The carrier thread of one {@link EventLoop}; lets code find its loop without a thread-local. */
final class LoopThread extends CarrierThread {
    final EventLoop loop;

    LoopThread(EventLoop loop, String name) {
        super(loop, name);
        this.loop = loop;
        setDaemon(true);
    }
}
