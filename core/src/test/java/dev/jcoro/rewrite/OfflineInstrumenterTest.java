package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline instrumenter rewrites a directory of classes ahead of time; the result runs in a JVM
 * started without the agent.
 */
class OfflineInstrumenterTest {

    @Test
    void instrumentedDirectoryRunsWithoutTheAgent(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/demo/Countdown.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package demo;
                import dev.jcoro.*;
                public class Countdown {
                    @Suspendable static void count(int n, StringBuilder out) {
                        for (int i = n; i > 0; i--) { out.append(i); Continuation.suspend(); }
                    }
                    public static void main(String[] args) {
                        StringBuilder out = new StringBuilder();
                        Continuation c = new Continuation(() -> count(3, out));
                        int resumes = 0;
                        while (!c.isDone()) { c.resume(); resumes++; out.append('|'); }
                        System.out.println(out + " " + resumes);
                    }
                }
                """);
        String core = System.getProperty("java.class.path");
        Path classes = dir.resolve("classes");
        assertEquals(0, run(List.of(javaHome("javac"), "-d", classes.toString(), "-cp", core, src.toString())).exit);

        // The core classes must be instrumented too (Generator, and later the scheduler, suspend inside core).
        Path coreCopy = dir.resolve("core");
        Path coreClasses = Path.of(dev.jcoro.Continuation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        copyTree(coreClasses, coreCopy);
        String instrumenterCp = System.getProperty("java.class.path");
        Result offline = run(List.of(javaHome("java"), "-cp", instrumenterCp, "dev.jcoro.instrument.offline.OfflineInstrumenter",
                "--verbose", "--cp", coreCopy.toString(), classes.toString()));
        assertEquals(0, offline.exit, offline.output);
        assertTrue(offline.output.contains("1 classes instrumented"), offline.output);

        Result run = run(List.of(javaHome("java"), "-cp", classes + java.io.File.pathSeparator + coreCopy, "demo.Countdown"));
        assertEquals(0, run.exit, run.output);
        assertEquals("3|2|1|| 4", run.output.trim());
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out.toString());
    }

    private static String javaHome(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
