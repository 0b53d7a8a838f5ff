package dev.jcoro.internal.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.flow.AsyncStream;
import dev.jcoro.net.TcpServerSocket;
import dev.jcoro.net.TcpSocket;
import dev.jcoro.sync.Channel;
import dev.jcoro.sync.Select;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The runtime under chaos, through the public API: for {@code jcoro.chaos.seconds} (30 by default) up to
 * {@code jcoro.chaos.live} (1,000) coroutines at a time on two loops — tens of thousands in all — sleep,
 * exchange values over a {@code Channel(16)} and a {@code Channel(0)} (plain, try-, timed and select sends
 * and receives), cancel one another, time out after 1–5 ms, throw, offload, stream, open scopes, join
 * each other and talk to an echo server. The random choices come from {@code jcoro.chaos.seed} (fixed by default), so a run's
 * workload can be replayed; the interleaving is the machine's.
 *
 * <p>Checked at the end: every task ended exactly once (completed, failed or cancelled); every value whose
 * send returned was received exactly once or is still in its channel, and no value whose send threw was
 * received; nothing unexpected was thrown; no coroutine, timer, selector key or thread is left; every
 * loop still answers.
 */
class ChaosSoakTest {
    private static final long SECONDS = Long.getLong("jcoro.chaos.seconds", 30);
    private static final long SEED = Long.getLong("jcoro.chaos.seed", 20261129L);
    private static final int LIVE = Integer.getInteger("jcoro.chaos.live", 1000);
    private static final long END_PHASE_SECONDS = 120;

    private enum Kind { PRODUCER, CONSUMER, CANCELLER, THROWER, OFFLOADER, STREAMER, JOINER, SCOPER, ECHO, SLEEPER }

    private final List<Long> undelivered = new CopyOnWriteArrayList<>();
    private final Channel<Long> buffered = new Channel<>(16, undelivered::add);
    private final Channel<Long> rendezvous = new Channel<>(0, undelivered::add);
    private final Set<Long> sent = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, Task<?>> running = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, AtomicInteger> endings = new ConcurrentHashMap<>();
    private final AtomicLong launched = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, AtomicLong> ops = new ConcurrentHashMap<>();
    private volatile InetSocketAddress echoAddress;

    /** What a thrower throws: an expected failure. */
    static final class ChaosException extends Exception {
        private static final long serialVersionUID = 1L;

        ChaosException() {
            super("chaos", null, false, false);
        }
    }

    @Test
    void theRuntimeHoldsItsInvariantsUnderChaos() throws Exception {
        List<String> watchdogReports = new CopyOnWriteArrayList<>();
        SchedulerImpl s = (SchedulerImpl) Scheduler.builder().threads(2).blockingThreads(4)
                .blockedReporter(watchdogReports::add).build();
        String threadPrefix = s.name() + "-";
        TcpServerSocket server = TcpServerSocket.bind(new InetSocketAddress("127.0.0.1", 0));
        echoAddress = server.localAddress();
        List<Task<?>> serverSide = new CopyOnWriteArrayList<>();
        serverSide.add(s.launch(() -> {
            acceptLoop(server, serverSide);
            return null;
        }));
        long t0 = System.nanoTime();
        long end = t0 + TimeUnit.SECONDS.toNanos(SECONDS);
        SplittableRandom spawner = new SplittableRandom(SEED);
        long n = 0;
        try {
            while (System.nanoTime() - end < 0) {
                if (launched.get() - endedCount() >= LIVE) {
                    Thread.sleep(1);
                    continue;
                }
                launch(s, n++, spawner.split());
            }
            // The end: whatever still runs is cancelled, and must then end.
            for (Task<?> t : running.values()) {
                t.cancel();
            }
            awaitAllEnded(s);
            server.close();
            for (Task<?> t : serverSide) {
                try {
                    t.joinWithin(Duration.ofSeconds(END_PHASE_SECONDS));
                } catch (IOException | CancellationException expectedAtClose) {
                    // The acceptor ends with the close of its server socket.
                }
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            checkEveryTaskEndedOnce();
            int remaining = checkEveryValueAccountedFor();
            assertTrue(unexpected.isEmpty(), () -> "unexpected failures (seed " + SEED + "): " + first(unexpected));
            checkNothingLeftOnTheLoops(s);
            checkEveryLoopAnswers(s);

            System.out.printf("jcoro chaos soak: seed %d, %d s, %d coroutines launched (%d completed, %d failed, "
                            + "%d cancelled), %d values sent, %d received, %d left in channels, %d undelivered, "
                            + "%d watchdog reports, %d ms in all; operations %s%n",
                    SEED, SECONDS, launched.get(), completed.get(), failed.get(), cancelled.get(), sent.size(),
                    received.size(), remaining, undelivered.size(), watchdogReports.size(), elapsedMs,
                    new TreeMap<>(ops));
        } finally {
            server.close();
            s.close();
        }
        checkNoThreadLeft(threadPrefix);
    }

    private long endedCount() {
        return completed.get() + failed.get() + cancelled.get();
    }

    private void launch(SchedulerImpl s, long n, SplittableRandom rnd) {
        Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
        Task<Object> t = s.launch(() -> {
            work(kind, rnd, n);
            return null;
        });
        launched.incrementAndGet();
        running.put(n, t);
        t.toCompletableFuture().whenComplete((v, e) -> ended(n, e));
    }

    private void ended(long n, Throwable e) {
        endings.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
        running.remove(n);
        if (e == null) {
            completed.incrementAndGet();
        } else if (e instanceof CancellationException) {
            cancelled.incrementAndGet();
        } else {
            failed.incrementAndGet();
            if (!(e instanceof ChaosException)) {
                unexpected.add(e);
            }
        }
    }

    private void count(String op) {
        ops.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
    }

    private static Duration ms(SplittableRandom rnd, int from, int to) {
        return Duration.ofMillis(rnd.nextInt(from, to + 1));
    }

    @Suspendable
    private void work(Kind kind, SplittableRandom rnd, long self) throws Exception {
        int rounds = 1 + rnd.nextInt(8);
        for (int i = 0; i < rounds; i++) {
            if (rnd.nextInt(4) == 0) {
                Coroutines.sleep(ms(rnd, 0, 2));
            } else if (rnd.nextInt(3) == 0) {
                Coroutines.yieldNow();
            }
            switch (kind) {
                case PRODUCER -> produce(rnd);
                case CONSUMER -> consume(rnd);
                case CANCELLER -> cancelSomeone(rnd);
                case THROWER -> {
                    count("throw");
                    throw new ChaosException();
                }
                case OFFLOADER -> offload(rnd);
                case STREAMER -> stream(rnd);
                case JOINER -> joinSomeone(rnd, self);
                case SCOPER -> scope(rnd);
                case ECHO -> echo(rnd);
                case SLEEPER -> {
                    count("sleep");
                    Coroutines.sleep(ms(rnd, 1, 10));
                }
                default -> throw new AssertionError(kind);
            }
        }
    }

    @Suspendable
    private void produce(SplittableRandom rnd) throws Exception {
        long v = ids.incrementAndGet();
        Channel<Long> ch = rnd.nextBoolean() ? buffered : rendezvous;
        switch (rnd.nextInt(4)) {
            case 0 -> {
                count("trySend");
                if (ch.trySend(v)) {
                    sent.add(v);
                }
            }
            case 1 -> {
                count("timed send");
                try {
                    Coroutines.withTimeout(ms(rnd, 1, 5), () -> {
                        ch.send(v);
                        return null;
                    });
                    sent.add(v);
                } catch (TimeoutException e) {
                    // Not sent: the value must never be received.
                }
            }
            case 2 -> {
                count("select send");
                boolean won = new Select<Boolean>()
                        .onSend(buffered, v, () -> true)
                        .onSend(rendezvous, v, () -> true)
                        .onTimeout(ms(rnd, 1, 5), () -> false)
                        .await();
                if (won) {
                    sent.add(v);
                }
            }
            default -> {
                count("send");
                buffered.send(v);
                sent.add(v);
            }
        }
    }

    @Suspendable
    private void consume(SplittableRandom rnd) throws Exception {
        Channel<Long> ch = rnd.nextBoolean() ? buffered : rendezvous;
        Long v;
        switch (rnd.nextInt(4)) {
            case 0 -> {
                count("tryReceive");
                v = ch.tryReceive();
            }
            case 1 -> {
                count("timed receive");
                try {
                    v = Coroutines.withTimeout(ms(rnd, 1, 5), ch::receive);
                } catch (TimeoutException e) {
                    v = null;
                }
            }
            case 2 -> {
                count("select receive");
                v = new Select<Long>()
                        .onReceive(buffered, x -> x)
                        .onReceive(rendezvous, x -> x)
                        .onTimeout(ms(rnd, 1, 5), () -> null)
                        .await();
            }
            default -> {
                count("receive or empty");
                Optional<Long> r = Coroutines.withTimeoutOrEmpty(ms(rnd, 1, 5), ch::receive);
                v = r.orElse(null);
            }
        }
        if (v != null) {
            received.computeIfAbsent(v, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private void cancelSomeone(SplittableRandom rnd) {
        count("cancel");
        long top = launched.get();
        Task<?> victim = running.get(Math.max(0, top - 1 - rnd.nextInt(LIVE)));
        if (victim != null) {
            victim.cancel();
        }
    }

    @Suspendable
    private void offload(SplittableRandom rnd) throws Exception {
        count("offload");
        int nap = rnd.nextInt(3);
        try {
            int r = Coroutines.withTimeout(ms(rnd, 1, 5), () -> Coroutines.offload(() -> {
                Thread.sleep(nap);
                return nap;
            }));
            if (r != nap) {
                unexpected.add(new AssertionError("offload returned " + r + ", not " + nap));
            }
        } catch (TimeoutException e) {
            // The call was interrupted or never started.
        }
    }

    @Suspendable
    private void stream(SplittableRandom rnd) throws Exception {
        count("stream");
        int k = 5 + rnd.nextInt(16);
        int take = 1 + rnd.nextInt(k);
        int buffer = rnd.nextInt(4);
        List<Integer> got = AsyncStream.<Integer>generate(out -> {
            for (int i = 0; i < k; i++) {
                if (i % 3 == 0) {
                    Coroutines.sleep(Duration.ofMillis(1));
                }
                out.emit(i);
            }
        }).map(x -> x * 2).buffer(buffer).take(take).toList();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < take; i++) {
            expected.add(i * 2);
        }
        if (!got.equals(expected)) {
            unexpected.add(new AssertionError("stream gave " + got + ", not " + expected));
        }
    }

    @Suspendable
    private void joinSomeone(SplittableRandom rnd, long self) throws Exception {
        count("join");
        long pick = Math.max(0, launched.get() - 1 - rnd.nextInt(LIVE));
        Task<?> other = running.get(pick);
        if (other == null || pick == self) {
            return;
        }
        try {
            other.joinWithin(ms(rnd, 1, 5));
        } catch (TimeoutException | ChaosException e) {
            // Either is the other task's business.
        } catch (CancellationException e) {
            Coroutines.ensureActive();   // the other task was cancelled: fine; this one: rethrown here
        }
    }

    @Suspendable
    private void scope(SplittableRandom rnd) throws Exception {
        count("scope");
        int children = 2 + rnd.nextInt(3);
        boolean oneFails = rnd.nextInt(4) == 0;
        int[] naps = new int[children];
        for (int i = 0; i < children; i++) {
            naps[i] = rnd.nextInt(4);
        }
        int sum = Coroutines.scope(scope -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < children; i++) {
                int c = i;
                tasks.add(scope.launch(() -> {
                    Coroutines.sleep(Duration.ofMillis(naps[c]));
                    if (oneFails && c == 0) {
                        throw new ChaosException();
                    }
                    return c;
                }));
            }
            int total = 0;
            for (Task<Integer> t : tasks) {
                total += t.join();
            }
            return total;
        });
        if (sum != children * (children - 1) / 2) {
            unexpected.add(new AssertionError("scope summed " + sum));
        }
    }

    @Suspendable
    private void echo(SplittableRandom rnd) throws Exception {
        count("echo");
        long token = rnd.nextLong();
        try {
            long back = Coroutines.withTimeout(ms(rnd, 5, 50), () -> {
                try (TcpSocket socket = TcpSocket.connect(echoAddress)) {
                    socket.write(ByteBuffer.allocate(8).putLong(0, token));
                    ByteBuffer in = ByteBuffer.allocate(8);
                    while (in.hasRemaining()) {
                        if (socket.read(in) < 0) {
                            throw new IOException("echo server closed early");
                        }
                    }
                    return in.getLong(0);
                }
            });
            if (back != token) {
                unexpected.add(new AssertionError("echo returned " + back + ", not " + token));
            }
        } catch (TimeoutException e) {
            // The connection was closed by the cancelled body.
        }
    }

    @Suspendable
    private static void acceptLoop(TcpServerSocket server, List<Task<?>> serverSide) throws IOException {
        while (true) {
            TcpSocket client = server.accept();
            serverSide.add(Coroutines.launch(() -> {
                try (client) {
                    ByteBuffer buf = ByteBuffer.allocate(64);
                    while (client.read(buf) >= 0) {
                        buf.flip();
                        client.write(buf);
                        buf.clear();
                    }
                } catch (IOException e) {
                    // A client that gave up may reset the connection.
                }
                return null;
            }));
        }
    }

    private void awaitAllEnded(SchedulerImpl s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(END_PHASE_SECONDS);
        while (endedCount() < launched.get()) {
            if (System.nanoTime() - deadline > 0) {
                fail("after the final cancellation " + (launched.get() - endedCount()) + " of " + launched.get()
                        + " tasks did not end (seed " + SEED + "):\n" + s.dump());
            }
            for (Task<?> t : running.values()) {
                t.cancel();
            }
            Thread.sleep(10);
        }
    }

    private void checkEveryTaskEndedOnce() {
        assertEquals(launched.get(), endings.size(), "every task reported an ending");
        for (Map.Entry<Long, AtomicInteger> e : endings.entrySet()) {
            assertEquals(1, e.getValue().get(), "task " + e.getKey() + " ended more than once (seed " + SEED + ")");
        }
        assertEquals(launched.get(), endedCount());
    }

    /** Returns how many values were left in the channels. */
    private int checkEveryValueAccountedFor() {
        Map<Long, Integer> where = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Long, AtomicInteger> e : received.entrySet()) {
            if (e.getValue().get() != 1) {
                problems.add("value " + e.getKey() + " received " + e.getValue().get() + " times");
            }
            where.merge(e.getKey(), 1, Integer::sum);
        }
        int remaining = 0;
        for (Channel<Long> ch : List.of(buffered, rendezvous)) {
            Long v;
            while ((v = ch.tryReceive()) != null) {
                remaining++;
                where.merge(v, 1, Integer::sum);
            }
        }
        for (Long v : undelivered) {
            where.merge(v, 1, Integer::sum);
        }
        for (Long v : sent) {
            Integer times = where.get(v);
            if (times == null) {
                problems.add("value " + v + " was sent but never received, nor is it in a channel: lost");
            } else if (times != 1) {
                problems.add("value " + v + " turned up " + times + " times");
            }
        }
        Set<Long> ghosts = new HashSet<>(where.keySet());
        ghosts.removeAll(sent);
        for (Long v : ghosts) {
            problems.add("value " + v + " was received although its send threw (a retry would duplicate it)");
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " accounting problems (seed " + SEED + "), first: "
                + problems.subList(0, Math.min(10, problems.size())));
        return remaining;
    }

    private static void checkNothingLeftOnTheLoops(SchedulerImpl s) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<String> left = new ArrayList<>();
            if (s.liveCount() != 0) {
                left.add(s.liveCount() + " live coroutines");
            }
            for (EventLoop loop : s.loops) {
                CompletableFuture<int[]> counts = new CompletableFuture<>();
                loop.execute(() -> counts.complete(new int[] {loop.timers.size(), loop.selector().keys().size()}));
                int[] c = counts.get(30, TimeUnit.SECONDS);
                if (c[0] != 0) {
                    left.add(loop.thread.getName() + ": " + c[0] + " timers");
                }
                if (c[1] != 0) {
                    left.add(loop.thread.getName() + ": " + c[1] + " selector keys");
                }
            }
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("left behind: " + left + "\n" + s.dump());
            }
            // Keys of closed sockets leave the selector at its next select; give each loop a round.
            Thread.sleep(20);
        }
    }

    private static void checkEveryLoopAnswers(SchedulerImpl s) throws Exception {
        for (EventLoop loop : s.loops) {
            Task<Integer> probe = s.launchOn(loop, () -> {
                Coroutines.sleep(Duration.ofMillis(1));
                return loop.index;
            });
            assertEquals(loop.index, probe.joinWithin(Duration.ofSeconds(30)));
        }
    }

    private static void checkNoThreadLeft(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<String> alive = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith(prefix) && t.isAlive()) {
                    alive.add(t.getName());
                }
            }
            if (alive.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("threads left after close: " + alive);
            }
            Thread.sleep(20);
        }
    }

    private static String first(Queue<Throwable> failures) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (Throwable t : failures) {
            if (shown++ == 3) {
                break;
            }
            java.io.StringWriter w = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(w));
            sb.append(w).append('\n');
        }
        return failures.size() + " in all; first ones:\n" + sb;
    }
}
