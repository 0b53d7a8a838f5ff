package dev.jcoro.bench;

import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableRunnable;
import dev.jcoro.Task;
import dev.jcoro.sync.Channel;
import dev.jcoro.sync.ChannelClosedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What does one round trip cost between two parties that talk through a rendezvous queue: jcoro coroutines
 * over {@code new Channel<>(0)}, against virtual threads over a {@link SynchronousQueue}?
 *
 * <p>One operation is one round trip: the driver sends a value, the echo receives it and sends it back,
 * the driver receives it. Both parties live for the whole trial; the benchmark thread (a plain thread)
 * only tells the driver to make {@link #ROUND_TRIPS} round trips and waits for it, so its own hand-offs
 * are spread over those round trips.
 *
 * <p>{@code loops} is the scheduler's thread count ({@code Scheduler.create(loops)}) for jcoro and the
 * virtual-thread scheduler's parallelism for virtual threads. With one loop both coroutines share it; with
 * more, they are placed on two different loops (observed, not assumed), so every message crosses threads.
 * Virtual threads go wherever the JDK's scheduler puts them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PingPongBench.ROUND_TRIPS)
public class PingPongBench {
    static final int ROUND_TRIPS = 10_000;
    /** One value for every message, so that neither side measures boxing. */
    private static final Integer BALL = 42;

    /** A driver and an echo coroutine, and channels between the driver and the benchmark thread. */
    @State(Scope.Benchmark)
    public static class CoroutinePair {
        @Param({"1", "2"})
        public int loops;

        Scheduler scheduler;
        final Channel<Integer> ping = new Channel<>(0);
        final Channel<Integer> pong = new Channel<>(0);
        final Channel<Integer> go = new Channel<>(0);
        final Channel<Integer> done = new Channel<>(0);

        @Setup
        public void start() throws Exception {
            scheduler = Scheduler.builder().threads(loops).build();
            String echoLoop = launchPlaced(null, this::echo);
            launchPlaced(loops == 1 ? echoLoop : "!" + echoLoop, this::drive);
        }

        @Suspendable
        private void echo() {
            try {
                while (true) {
                    pong.send(ping.receive());
                }
            } catch (ChannelClosedException end) {
                // Teardown closed the channel: the trial is over.
            }
        }

        @Suspendable
        private void drive() {
            try {
                while (true) {
                    int n = go.receive();
                    for (int i = 0; i < n; i++) {
                        ping.send(BALL);
                        pong.receive();
                    }
                    done.send(n);
                }
            } catch (ChannelClosedException end) {
                // Teardown closed the channel: the trial is over.
            }
        }

        /**
         * Launches {@code body} until it lands on the wanted loop ({@code null}: any; {@code "!x"}: any but
         * x; else that loop) and returns the loop's thread name. Launches from this plain thread go
         * round-robin and idle loops may steal, so placement is observed from inside the coroutine; one that landed wrong exits before
         * it touches a channel. A coroutine never leaves its loop once started.
         */
        private String launchPlaced(String wanted, SuspendableRunnable body) throws Exception {
            for (int attempt = 0; attempt < 100; attempt++) {
                CompletableFuture<String> where = new CompletableFuture<>();
                Task<Void> t = scheduler.launch(() -> {
                    String here = Thread.currentThread().getName();
                    boolean ok = wanted == null
                            || (wanted.startsWith("!") ? !wanted.substring(1).equals(here) : wanted.equals(here));
                    where.complete(ok ? here : null);
                    if (ok) {
                        body.run();
                    }
                });
                String landed = where.get(10, TimeUnit.SECONDS);
                if (landed != null) {
                    return landed;
                }
                t.join();
            }
            throw new IllegalStateException("no coroutine landed on loop " + wanted + " in 100 launches");
        }

        @TearDown
        public void stop() {
            go.close();
            ping.close();
            scheduler.close();
        }
    }

    /** The same driver and echo as virtual threads over synchronous queues. */
    @State(Scope.Benchmark)
    public static class VirtualThreadPair {
        @Param({"1", "2"})
        public int loops;

        final SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        final SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        final SynchronousQueue<Integer> go = new SynchronousQueue<>();
        final SynchronousQueue<Integer> done = new SynchronousQueue<>();
        Thread echo;
        Thread driver;

        @Setup
        public void start() {
            VirtualThreads.useCarriers(loops);
            echo = VirtualThreads.start(() -> {
                try {
                    while (true) {
                        pong.put(ping.take());
                    }
                } catch (InterruptedException end) {
                    // Teardown interrupted it: the trial is over.
                }
            });
            driver = VirtualThreads.start(() -> {
                try {
                    while (true) {
                        int n = go.take();
                        for (int i = 0; i < n; i++) {
                            ping.put(BALL);
                            pong.take();
                        }
                        done.put(n);
                    }
                } catch (InterruptedException end) {
                    // Teardown interrupted it: the trial is over.
                }
            });
        }

        @TearDown
        public void stop() {
            echo.interrupt();
            driver.interrupt();
            VirtualThreads.join(echo);
            VirtualThreads.join(driver);
        }
    }

    @Benchmark
    public int jcoro(CoroutinePair s) {
        s.go.send(ROUND_TRIPS);
        return s.done.receive();
    }

    @Benchmark
    public int vthread(VirtualThreadPair s) throws InterruptedException {
        s.go.put(ROUND_TRIPS);
        return s.done.take();
    }
}
