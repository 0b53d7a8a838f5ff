package dev.jcoro.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the rewriter: thousands of random programs, each run as javac compiled it (the
 * plain twin, which the agent leaves alone), as rewritten code outside any continuation (the fast path),
 * and as rewritten code inside a continuation that suspends at every {@code pause} and is resumed, a
 * quarter of the time from another thread. All three must return the same trace or throw the same
 * exception with the same message.
 *
 * <p>Besides the outcome, the continuation run must suspend exactly as often as the program's pauses say
 * they suspended, and leave no saved value, frame or pin behind; shapes jcoro must refuse carry their
 * predicted outcome ({@code Rt.pauseRefused}).
 *
 * <p>System properties: {@code jcoro.fuzz.seed} (base seed of the fixed programs), {@code jcoro.fuzz.count}
 * (fixed programs; core's build passes 2800), {@code jcoro.fuzz.fresh} (programs seeded afresh in every
 * run, 300 by default; their base seed is printed), {@code jcoro.fuzz.fresh.seed} (that base seed, to rerun
 * a fresh batch), {@code jcoro.fuzz.program} (one program seed, as printed by a failure, to rerun just that
 * program).
 */
class DifferentialFuzzTest {
    private static final long DEFAULT_SEED = 0x6A636F726FL;
    /** Programs per javac task: large enough to amortise javac, small enough to free each batch's classes soon. */
    private static final int BATCH = 150;
    /** A program that makes no progress for this long is reported as a hang, with its source. */
    private static final long STALL_MILLIS = 60_000;
    /** A batch that javac has not compiled after this long is reported as a stall of the compiler. */
    private static final long COMPILE_STALL_MILLIS = 900_000;
    /** Full sources printed for the smallest failing programs; every failing seed is listed. */
    private static final int SOURCES_SHOWN = 3;

    private record Mismatch(GeneratedProgram program, String source, Outcome plain, Outcome fastPath,
            ProgramRunner.Run suspended, String why) {
    }

    /** Everything the fuzz loop measured, written by the loop's thread and read once it has ended. */
    private static final class Stats {
        int programs;
        int suspendedPrograms;
        long suspensions;
        long resumedElsewhere;
        int maxDepth;
        int threw;
        /** Programs whose continuation run was refused, by kind: the refusal shapes must really be exercised. */
        final Map<String, Integer> refusals = new java.util.TreeMap<>();
        /** Written only by the compile thread; read after it has stopped. */
        volatile long compileNanos;
        final List<Mismatch> mismatches = new ArrayList<>();
        volatile GeneratedProgram current;
        volatile String currentSource;
        volatile long lastProgress = System.nanoTime();
    }

    @Test
    void instrumentedProgramsBehaveLikePlainJava() throws Exception {
        long base = Long.getLong("jcoro.fuzz.seed", DEFAULT_SEED);
        int count = Integer.getInteger("jcoro.fuzz.count", 2800);
        int freshCount = Integer.getInteger("jcoro.fuzz.fresh", 300);
        long fresh = Long.getLong("jcoro.fuzz.fresh.seed", System.nanoTime() ^ System.currentTimeMillis() << 20);
        String only = System.getProperty("jcoro.fuzz.program");
        List<Long> seeds = new ArrayList<>();
        if (only != null && !only.isEmpty()) {
            seeds.add(Long.parseLong(only));
        } else {
            for (int i = 0; i < count; i++) {
                seeds.add(programSeed(base, i));
            }
            // A batch no earlier run has seen; its seed is printed first, so a failure can be rerun.
            System.out.printf("jcoro fuzz: %d fresh programs from base seed %d (rerun: -Djcoro.fuzz.fresh.seed=%d)%n",
                    freshCount, fresh, fresh);
            for (int i = 0; i < freshCount; i++) {
                seeds.add(programSeed(fresh, i));
            }
        }

        Stats stats = new Stats();
        Throwable[] crash = new Throwable[1];
        long start = System.nanoTime();
        // The loop runs on its own thread so that a program that never ends is reported with its source.
        Thread loop = new Thread(() -> {
            try {
                fuzz(seeds, stats);
            } catch (Throwable t) {
                crash[0] = t;
            }
        }, "fuzz-loop");
        loop.setDaemon(true);
        loop.start();
        while (loop.isAlive()) {
            loop.join(1000);
            // javac on a crowded machine can take minutes per batch; only a program that hangs is a finding.
            long allowed = TimeUnit.MILLISECONDS.toNanos(stats.current == null ? COMPILE_STALL_MILLIS : STALL_MILLIS);
            if (loop.isAlive() && System.nanoTime() - stats.lastProgress > allowed) {
                loop.interrupt();
                GeneratedProgram p = stats.current;
                fail("a program made no progress for " + STALL_MILLIS / 1000 + " s"
                        + (p == null ? " (while compiling)" : ": seed " + p.seed() + "\n" + stats.currentSource));
            }
        }
        if (crash[0] instanceof InMemoryCompiler.CompilationFailed c) {
            fail("the generator wrote programs javac rejects (a generator bug): " + c.getMessage());
        }
        if (crash[0] != null) {
            throw new AssertionError("the fuzz loop failed", crash[0]);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("jcoro fuzz: %d programs (base seed %d, fresh base seed %d), %d suspended, %d suspensions, "
                        + "max %d frames deep, %d resumes on another thread, %d ended by an exception, refused %s; %d ms (javac %d ms)%n",
                stats.programs, base, fresh, stats.suspendedPrograms, stats.suspensions, stats.maxDepth,
                stats.resumedElsewhere, stats.threw, stats.refusals, millis, TimeUnit.NANOSECONDS.toMillis(stats.compileNanos));

        if (!stats.mismatches.isEmpty()) {
            fail(report(stats.mismatches) + "\n(fresh base seed " + fresh + ")");
        }
        if (seeds.size() >= 100) {
            // The refusal shapes must have been refused for real, each kind, not merely simulated.
            for (String kind : List.of("MONITOR", "PLAIN_CALLER", "UNINSTRUMENTED_FRAME")) {
                assertTrue(stats.refusals.getOrDefault(kind, 0) > 0, "no program was refused as " + kind + ": " + stats.refusals);
            }
            // A fuzzer whose programs never suspend proves nothing about capture and restore.
            assertTrue(stats.suspendedPrograms >= seeds.size() * 8 / 10,
                    "only " + stats.suspendedPrograms + " of " + seeds.size() + " programs suspended");
            assertTrue(stats.suspensions >= 5L * seeds.size(), "only " + stats.suspensions + " suspensions");
            assertTrue(stats.maxDepth >= 8, "suspensions never went deeper than " + stats.maxDepth + " frames");
            assertTrue(stats.resumedElsewhere > 0, "no resume ran on another thread");
        }
    }

    /** One batch, generated and compiled: what the compile thread hands to the run loop. */
    private record Batch(List<GeneratedProgram> programs, Map<String, String> sources, Map<String, byte[]> classes) {
    }

    private static void fuzz(List<Long> seeds, Stats stats) throws Exception {
        InMemoryCompiler javac = new InMemoryCompiler();
        Map<String, byte[]> plainRuntime = PlainCopy.runtime();
        // javac, the slower half, compiles the next batch while this thread loads (instruments) and runs the current one.
        ExecutorService compiler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-javac");
            t.setDaemon(true);
            return t;
        });
        try (ProgramRunner runner = new ProgramRunner()) {
            Future<Batch> next = compiler.submit(() -> compile(javac, seeds, 0, stats));
            for (int from = 0; from < seeds.size(); from += BATCH) {
                stats.current = null;
                stats.lastProgress = System.nanoTime();
                Batch batch = next.get();
                int following = from + BATCH;
                if (following < seeds.size()) {
                    next = compiler.submit(() -> compile(javac, seeds, following, stats));
                }
                Map<String, byte[]> all = new LinkedHashMap<>(batch.classes());
                all.putAll(PlainCopy.of(batch.classes()));
                all.putAll(plainRuntime);
                ProgramLoader loader = new ProgramLoader(DifferentialFuzzTest.class.getClassLoader(), all);
                for (GeneratedProgram p : batch.programs()) {
                    String name = SourcePrinter.className(p);
                    String source = batch.sources().get(name);
                    stats.current = p;
                    stats.currentSource = source;
                    stats.lastProgress = System.nanoTime();
                    runOne(p, source, load(loader, PlainCopy.rename(name)), load(loader, name), runner, stats);
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            compiler.shutdownNow();
        }
    }

    private static Batch compile(InMemoryCompiler javac, List<Long> seeds, int from, Stats stats) {
        List<GeneratedProgram> programs = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (long seed : seeds.subList(from, Math.min(seeds.size(), from + BATCH))) {
            GeneratedProgram p = ProgramGenerator.generate(seed, "P" + Long.toUnsignedString(seed, 36));
            programs.add(p);
            sources.put(SourcePrinter.className(p), SourcePrinter.print(p));
        }
        long t0 = System.nanoTime();
        Map<String, byte[]> classes = javac.compile(sources);
        stats.compileNanos += System.nanoTime() - t0;
        return new Batch(programs, sources, classes);
    }

    private static void runOne(GeneratedProgram p, String source, Class<?> plainClass, Class<?> rewrittenClass,
            ProgramRunner runner, Stats stats) {
        Outcome plain = runner.runPlain(plainClass);
        Outcome fastPath = runner.runPlain(rewrittenClass);
        String fastPathLeftOver = ProgramRunner.leftOverOnThisThread();
        ProgramRunner.Run suspended = runner.runInContinuation(rewrittenClass, new SplittableRandom(p.seed()));
        stats.programs++;
        stats.suspensions += suspended.suspensions();
        stats.resumedElsewhere += suspended.resumedElsewhere();
        stats.maxDepth = Math.max(stats.maxDepth, suspended.maxDepth());
        if (suspended.suspensions() > 0) {
            stats.suspendedPrograms++;
        }
        if (plain.text().contains(" threw | ")) {
            stats.threw++;
        }
        for (String kind : List.of("MONITOR", "PLAIN_CALLER", "UNINSTRUMENTED_FRAME")) {
            if (suspended.outcome().text().contains("refused:Pinned: " + kind + " ")) {
                stats.refusals.merge(kind, 1, Integer::sum);
            }
        }
        String why = null;
        if (!plain.sameAs(fastPath) || !plain.sameAs(suspended.outcome())) {
            why = "the outcomes differ";
        } else if (suspended.suspensions() != suspended.pauses()) {
            why = "the continuation suspended " + suspended.suspensions() + " times, but the program's pauses suspended "
                    + suspended.pauses() + " times";
        } else if (suspended.leftOver() != null) {
            why = suspended.leftOver();
        } else if (fastPathLeftOver != null) {
            why = "after the fast path, " + fastPathLeftOver;
        }
        if (why != null) {
            stats.mismatches.add(new Mismatch(p, source, plain, fastPath, suspended, why));
        }
    }

    private static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled program not found: " + name, e);
        }
    }

    /** SplitMix64 of the base seed and the program's index: neighbouring indices give unrelated programs. */
    static long programSeed(long base, int index) {
        long z = base + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String report(List<Mismatch> mismatches) {
        List<Mismatch> smallestFirst = new ArrayList<>(mismatches);
        smallestFirst.sort(Comparator.comparingInt(m -> m.source().length()));
        StringBuilder s = new StringBuilder();
        s.append(mismatches.size()).append(" program(s) behaved differently once instrumented. Seeds:");
        for (Mismatch m : mismatches) {
            s.append(' ').append(m.program().seed());
        }
        s.append("\nRerun one with -Djcoro.fuzz.program=<seed>. The smallest:\n");
        for (Mismatch m : smallestFirst.subList(0, Math.min(SOURCES_SHOWN, smallestFirst.size()))) {
            s.append("\n==== seed ").append(m.program().seed()).append(": ").append(m.why()).append('\n');
            s.append("plain Java:          ").append(m.plain().text()).append('\n');
            s.append("rewritten, no cont.: ").append(m.fastPath().text()).append('\n');
            s.append("in a continuation:   ").append(m.suspended().outcome().text())
                    .append("  (").append(m.suspended().suspensions()).append(" suspensions)\n");
            Throwable failure = m.suspended().outcome().failure() != null ? m.suspended().outcome().failure()
                    : m.fastPath().failure();
            if (failure != null && m.plain().failure() == null) {
                s.append(stackTrace(failure));
            }
            s.append(m.source());
        }
        return s.toString();
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
