package dev.jcoro.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One step of {@code bench/scaling.sh}: runs the scheduler benchmarks with {@code loops = n} through JMH's
 * own API and appends one line per benchmark (with the median of its iterations) to
 * {@code OUT/results.tsv}, which the script turns into its summary table. Going through the API rather
 * than parsing JMH's JSON lets the script get medians with nothing but {@code java}.
 *
 * <p>Usage: {@code Scaling n outDir agentJar includeRegex [excludeRegex]}. Writes
 * {@code OUT/jmh-n<n>.json} (JMH's JSON) and {@code OUT/jmh-n<n>.txt} (its log) beside the TSV.
 */
public final class Scaling {
    private Scaling() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: Scaling n outDir agentJar includeRegex [excludeRegex]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(args[3])
                .param("loops", Integer.toString(n))
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                // A benchmark that stops making progress (a lost wake-up) must not eat the lead's whole run.
                .timeout(TimeValue.seconds(30))
                .jvmArgsAppend("-javaagent:" + args[2], "-Djcoro.watchdog.millis=0")
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("jmh-n" + n + ".json").toString())
                .output(out.resolve("jmh-n" + n + ".txt").toString());
        if (args.length > 4 && !args[4].isEmpty()) {
            options.exclude(args[4]);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        StringBuilder tsv = new StringBuilder();
        for (RunResult r : results) {
            BenchmarkResult b = r.getAggregatedResult();
            List<Double> scores = new ArrayList<>();
            for (IterationResult i : b.getIterationResults()) {
                scores.add(i.getPrimaryResult().getScore());
            }
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            tsv.append(String.format(Locale.ROOT, "%d\t%s\t%.1f\t%s\t%s%n", n, name, median(scores),
                    b.getPrimaryResult().getScoreUnit(), scores));
        }
        Files.write(out.resolve("results.tsv"), tsv.toString().getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(tsv);
    }

    private static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }
}
