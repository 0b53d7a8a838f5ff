package dev.jcoro.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * {@link PingPongBench}'s one-loop row timed in the loop thread's <em>CPU time</em> instead of wall time, for a
 * machine shared with other work: the loop is not charged while it waits for a core, so the figure moves far
 * less with the load than JMH's (it still suffers the other programs' use of the caches). The same driver
 * and echo coroutines as the JMH benchmark ({@link PingPongBench.CoroutinePair}, one loop) make the round
 * trips; the loop thread runs nothing else meanwhile, so its CPU time per round trip is the cost of one
 * round trip (two sends, two receives, two suspensions and two resumes), plus the benchmark thread's
 * hand-offs spread over {@link PingPongBench#ROUND_TRIPS} round trips.
 *
 * <pre>
 * java -javaagent:instrument/target/jcoro-agent.jar -cp bench/target/benchmarks.jar \
 *      dev.jcoro.bench.PingPongCpuTime [rounds] [batches per round]
 * </pre>
 *
 * It prints the median, lowest and highest round in loop-thread CPU ns per round trip, and the wall time
 * beside it.
 */
public final class PingPongCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PingPongCpuTime() {
    }

    /**
     * Runs the warm-up and the rounds and prints one line.
     *
     * @throws Exception if the pair fails to start
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        PingPongBench.CoroutinePair pair = new PingPongBench.CoroutinePair();
        pair.loops = 1;
        pair.start();
        try {
            long loopThread = loopThreadId();
            for (int warm = 0; warm < 10; warm++) {
                round(pair, loopThread, batches);
            }
            double[] cpu = new double[rounds];
            double[] wall = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                cpu[r] = round(pair, loopThread, batches);
                wall[r] = (System.nanoTime() - start) / (double) batches / PingPongBench.ROUND_TRIPS;
            }
            Arrays.sort(cpu);
            Arrays.sort(wall);
            System.out.printf("# %s, %d rounds of %d round trips, one loop%n", System.getProperty("java.vm.version"),
                    rounds, batches * PingPongBench.ROUND_TRIPS);
            System.out.printf("ping-pong loop CPU ns/round trip %8.2f  [%.2f, %.2f]   wall %8.2f  [%.2f, %.2f]%n",
                    cpu[rounds / 2], cpu[0], cpu[rounds - 1], wall[rounds / 2], wall[0], wall[rounds - 1]);
        } finally {
            pair.stop();
        }
    }

    /** Loop-thread CPU ns per round trip over {@code batches} batches of the benchmark's round trips. */
    private static double round(PingPongBench.CoroutinePair pair, long loopThread, int batches) {
        long start = THREADS.getThreadCpuTime(loopThread);
        for (int b = 0; b < batches; b++) {
            pair.go.send(PingPongBench.ROUND_TRIPS);
            pair.done.receive();
        }
        return (THREADS.getThreadCpuTime(loopThread) - start) / (double) batches / PingPongBench.ROUND_TRIPS;
    }

    /** The id of the single loop's carrier thread, found by the name the scheduler gives it. */
    private static long loopThreadId() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().endsWith("-loop-0")) {
                return t.getId();
            }
        }
        throw new IllegalStateException("no thread named *-loop-0: the scheduler names its loops differently now");
    }
}
