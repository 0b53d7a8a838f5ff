package dev.jcoro.sync;

import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.internal.sched.Coroutine;
import dev.jcoro.internal.sched.Deadlines;
import dev.jcoro.internal.sched.Suspension;
import dev.jcoro.internal.sched.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Waits for the first of several operations — a channel receive, a channel send, a task's end, an
 * {@link Event}, a timeout — and runs the handler of the one that happened (Go's {@code select}, Kotlin's
 * {@code select}, asyncio's {@code wait(FIRST_COMPLETED)}).
 *
 * <pre>{@code
 * String what = new Select<String>()
 *         .onReceive(orders, order -> "order " + order.id())
 *         .onSend(audit, entry, () -> "audited")
 *         .onJoin(refresh, task -> "refreshed")
 *         .onTimeout(Duration.ofSeconds(1), () -> "idle")
 *         .await();
 * }</pre>
 *
 * <p>Exactly one clause happens. The others are withdrawn atomically: a channel whose receive clause did
 * not win keeps its value, a send clause that did not win sent nothing. If several clauses are ready when
 * {@code await} starts, the first in the order they were added wins. A cancellation of the waiting
 * coroutine ends the select with {@link java.util.concurrent.CancellationException} and no clause
 * happens. On a plain thread {@code await} blocks the thread.
 *
 * <p>A select is built and awaited by one coroutine, once. Handlers run in the awaiting coroutine after
 * the clause has won, and may suspend.
 *
 * @param <R> the type of the result that the handlers produce
 */
public final class Select<R> {
    private final List<Clause<R>> clauses = new ArrayList<>();
    private Clause<R> timeout;
    private long timeoutNanos;
    private boolean awaited;

    /** Creates a select with no clauses yet. */
    public Select() {
    }

    /**
     * Adds a clause that receives a value from {@code channel}. If the channel is closed and drained when
     * this clause is chosen, {@code await} throws {@link ChannelClosedException}.
     *
     * @param channel the channel to receive from
     * @param handler receives the value and produces the select's result
     * @param <T> the type of the channel's values
     * @return this select
     */
    public <T> Select<R> onReceive(Channel<T> channel, Handler<? super T, ? extends R> handler) {
        clauses.add(new ReceiveClause<>(nonNull(channel, "channel"), nonNull(handler, "handler")));
        return this;
    }

    /**
     * Adds a clause that sends {@code value} to {@code channel}. If the channel is closed when this clause
     * is tried, {@code await} throws {@link ChannelClosedException}.
     *
     * @param channel the channel to send to
     * @param value the value to send; not null
     * @param handler produces the select's result once the value is sent
     * @param <T> the type of the channel's values
     * @return this select
     */
    public <T> Select<R> onSend(Channel<T> channel, T value, Action<? extends R> handler) {
        clauses.add(new SendClause<>(nonNull(channel, "channel"), nonNull(value, "value"), nonNull(handler, "handler")));
        return this;
    }

    /**
     * Adds a clause that happens when {@code task} ends, however it ends.
     *
     * @param task the task to wait for
     * @param handler receives the ended task (call {@code join()} on it for its outcome, which no longer
     *     waits) and produces the select's result
     * @param <T> the type of the task's result
     * @return this select
     */
    public <T> Select<R> onJoin(Task<T> task, Handler<? super Task<T>, ? extends R> handler) {
        if (!(task instanceof Coroutine)) {
            throw new IllegalArgumentException("Select.onJoin: not a task of a jcoro scheduler: " + task);
        }
        clauses.add(new JoinClause<>((Coroutine<T>) task, nonNull(handler, "handler")));
        return this;
    }

    /**
     * Adds a clause that happens when {@code event} is set.
     *
     * @param event the event to wait for
     * @param handler produces the select's result
     * @return this select
     */
    public Select<R> onEvent(Event event, Action<? extends R> handler) {
        clauses.add(new EventClause<>(nonNull(event, "event"), nonNull(handler, "handler")));
        return this;
    }

    /**
     * Adds a clause that happens if no other has within {@code d}. At most one per select.
     *
     * @param d how long to wait; zero or negative means: only take a clause that is ready at once
     * @param handler produces the select's result
     * @return this select
     * @throws IllegalStateException if the select already has a timeout
     */
    public Select<R> onTimeout(Duration d, Action<? extends R> handler) {
        if (timeout != null) {
            throw new IllegalStateException("Select.onTimeout: a select has at most one timeout");
        }
        timeoutNanos = Deadlines.nanos(nonNull(d, "duration"));
        timeout = new TimeoutClause<>(nonNull(handler, "handler"));
        return this;
    }

    /**
     * Waits until one clause happens, withdraws the others, and returns what that clause's handler returns.
     *
     * @return the winning handler's result
     * @throws ChannelClosedException if the winning clause is on a closed channel
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits; then
     *     no clause has happened
     * @throws IllegalStateException if the select has no clause, or was awaited before
     */
    @Suspendable
    public R await() {
        if (awaited) {
            throw new IllegalStateException("Select.await: a select is awaited once; build a new one");
        }
        awaited = true;
        if (clauses.isEmpty() && timeout == null) {
            throw new IllegalStateException("Select.await: no clause");
        }
        Waiter w = Waiter.forCurrent("select", this);
        Clause<R> won = registerOrTake(w);
        if (won != null) {
            return won.handle(won.immediate);
        }
        try {
            boolean inTime = timeout == null ? awaitUntimed(w) : Suspension.awaitFor(w, timeoutNanos);
            if (!inTime) {
                return timeout.handle(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("Select.await: the waiting thread was interrupted");
        } finally {
            withdrawAll(w);
        }
        if (w.isCancelled()) {
            throw w.cancellation();
        }
        Object source = w.source();
        @SuppressWarnings("unchecked")
        Clause<R> winner = (Clause<R>) (source instanceof Channel.Entry ? ((Channel.Entry<?>) source).clause : source);
        return winner.handle(w.item());
    }

    @Suspendable
    private static boolean awaitUntimed(Waiter w) {
        Suspension.await(w);
        return true;
    }

    /**
     * Under the locks of every channel involved, takes the first clause that can happen at once, or else
     * enqueues {@code w} in all of them; then hooks it onto the tasks and events. Like Go's select: while
     * the locks are held no other party can reach {@code w}, so a clause taken here is the only one.
     *
     * @return the clause that happened at once (its value in {@link Clause#immediate}), or null
     */
    private Clause<R> registerOrTake(Waiter w) {
        List<Channel<?>> channels = new ArrayList<>();
        for (Clause<R> c : clauses) {
            Channel<?> ch = c.channel();
            if (ch != null && !channels.contains(ch)) {
                channels.add(ch);
            }
        }
        channels.sort(Comparator.comparingLong(ch -> ch.id));
        Clause<R> won = lockAllAndRegister(channels, 0, w);
        if (won != null) {
            return won;
        }
        for (Clause<R> c : clauses) {
            c.hook(w);
        }
        return null;
    }

    private Clause<R> lockAllAndRegister(List<Channel<?>> channels, int i, Waiter w) {
        if (i == channels.size()) {
            for (Clause<R> c : clauses) {
                if (c.tryNow()) {
                    return c;
                }
            }
            for (Clause<R> c : clauses) {
                c.enqueueLocked(w);
            }
            return null;
        }
        Channel<?> ch = channels.get(i);
        ch.lock();
        try {
            return lockAllAndRegister(channels, i + 1, w);
        } finally {
            ch.unlock();
        }
    }

    private void withdrawAll(Waiter w) {
        for (Clause<R> c : clauses) {
            c.withdraw(w);
        }
    }

    private static <V> V nonNull(V v, String what) {
        if (v == null) {
            throw new NullPointerException("Select: " + what + " is null");
        }
        return v;
    }

    /**
     * Turns what a clause received into the select's result.
     *
     * @param <T> what the clause gives
     * @param <R> the select's result
     */
    @FunctionalInterface
    public interface Handler<T, R> {
        /**
         * Produces the select's result; runs in the awaiting coroutine and may suspend.
         *
         * @param value the received value, or the ended task
         * @return the select's result
         */
        @Suspendable
        R apply(T value);
    }

    /**
     * Produces the select's result for a clause that gives no value (a send, an event, a timeout).
     *
     * @param <R> the select's result
     */
    @FunctionalInterface
    public interface Action<R> {
        /**
         * Produces the select's result; runs in the awaiting coroutine and may suspend.
         *
         * @return the select's result
         */
        @Suspendable
        R run();
    }

    /** One clause: how to take it at once, how to wait for it, how to withdraw, what to do when it wins. */
    private abstract static class Clause<R> {
        /** The value of a clause taken at once by {@link #tryNow()}. */
        Object immediate;

        /** The channel whose lock the clause needs, or null. */
        Channel<?> channel() {
            return null;
        }

        /** Takes the clause now if it can happen without waiting; channel locks are held. */
        boolean tryNow() {
            return false;
        }

        /** Enqueues {@code w} where the clause's counterpart will find it; channel locks are held. */
        void enqueueLocked(Waiter w) {
        }

        /** Hooks {@code w} onto a task or event, after the channel locks are released. */
        void hook(Waiter w) {
        }

        /** Removes what {@link #enqueueLocked} or {@link #hook} left behind. */
        void withdraw(Waiter w) {
        }

        @Suspendable
        abstract R handle(Object item);
    }

    private static final class ReceiveClause<T, R> extends Clause<R> {
        private final Channel<T> ch;
        private final Handler<? super T, ? extends R> handler;

        ReceiveClause(Channel<T> ch, Handler<? super T, ? extends R> handler) {
            this.ch = ch;
            this.handler = handler;
        }

        @Override
        Channel<?> channel() {
            return ch;
        }

        @Override
        boolean tryNow() {
            Object v = ch.pollLocked();
            if (v != Channel.NOTHING) {
                immediate = v;
                return true;
            }
            if (ch.drainedLocked()) {
                immediate = Channel.CLOSED;
                return true;
            }
            return false;
        }

        @Override
        void enqueueLocked(Waiter w) {
            ch.enqueueReceiverLocked(w, this);
        }

        @Override
        void withdraw(Waiter w) {
            ch.withdraw(w);
        }

        @Override
        @Suspendable
        @SuppressWarnings("unchecked")
        R handle(Object item) {
            if (item == Channel.CLOSED) {
                throw ch.closedForReceive("select onReceive");
            }
            return handler.apply((T) item);
        }
    }

    private static final class SendClause<T, R> extends Clause<R> {
        private final Channel<T> ch;
        private final T value;
        private final Action<? extends R> handler;

        SendClause(Channel<T> ch, T value, Action<? extends R> handler) {
            this.ch = ch;
            this.value = value;
            this.handler = handler;
        }

        @Override
        Channel<?> channel() {
            return ch;
        }

        @Override
        boolean tryNow() {
            return ch.offerLocked(value);
        }

        @Override
        void enqueueLocked(Waiter w) {
            ch.enqueueSenderLocked(w, value, this);
        }

        @Override
        void withdraw(Waiter w) {
            ch.withdraw(w);
        }

        @Override
        @Suspendable
        R handle(Object item) {
            return handler.run();
        }
    }

    private static final class JoinClause<T, R> extends Clause<R> {
        private final Coroutine<T> task;
        private final Handler<? super Task<T>, ? extends R> handler;

        JoinClause(Coroutine<T> task, Handler<? super Task<T>, ? extends R> handler) {
            this.task = task;
            this.handler = handler;
        }

        @Override
        boolean tryNow() {
            return task.isDone();
        }

        @Override
        void hook(Waiter w) {
            task.onDone(w.wakerFrom(this));
        }

        @Override
        @Suspendable
        R handle(Object item) {
            return handler.apply(task);
        }
    }

    private static final class EventClause<R> extends Clause<R> {
        private final Event event;
        private final Action<? extends R> handler;

        EventClause(Event event, Action<? extends R> handler) {
            this.event = event;
            this.handler = handler;
        }

        @Override
        boolean tryNow() {
            return event.isSet();
        }

        @Override
        void hook(Waiter w) {
            event.enqueue(w, this);
        }

        @Override
        void withdraw(Waiter w) {
            event.withdraw(w);
        }

        @Override
        @Suspendable
        R handle(Object item) {
            return handler.run();
        }
    }

    private static final class TimeoutClause<R> extends Clause<R> {
        private final Action<? extends R> handler;

        TimeoutClause(Action<? extends R> handler) {
            this.handler = handler;
        }

        @Override
        @Suspendable
        R handle(Object item) {
            return handler.run();
        }
    }
}
