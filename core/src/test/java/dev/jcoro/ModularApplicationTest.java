package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.offline.OfflineInstrumenter;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * core is the named module {@code dev.jcoro}: an application module that requires it runs on the module path,
 * rewritten by the agent as it loads, or rewritten ahead of time by the offline instrumenter and started without
 * the agent.
 */
class ModularApplicationTest {
    private static final String MODULE_INFO = """
            module demo.app {
                requires dev.jcoro;
            }
            """;
    private static final String MAIN = """
            package demo.app;

            import dev.jcoro.Continuation;
            import dev.jcoro.Coroutines;
            import dev.jcoro.Emitter;
            import dev.jcoro.Generator;
            import dev.jcoro.Suspendable;
            import java.time.Duration;
            import java.util.ArrayList;
            import java.util.List;

            public class Main {
                @Suspendable static void count(Emitter<Integer> out, int n) {
                    for (int i = 1; i <= n; i++) {
                        out.emit(i);
                    }
                }

                @Suspendable static void twoSteps(List<String> steps) {
                    steps.add("first");
                    Continuation.suspend();
                    steps.add("second");
                }

                @Suspendable static String nap() {
                    Coroutines.sleep(Duration.ofMillis(5));
                    return "slept";
                }

                public static void main(String[] args) throws Exception {
                    List<Integer> counted = new ArrayList<>();
                    new Generator<Integer>(out -> count(out, 3)).forEachRemaining(counted::add);
                    List<String> steps = new ArrayList<>();
                    Continuation c = new Continuation(() -> twoSteps(steps));
                    c.resume();
                    String paused = steps + " done=" + c.isDone();
                    c.resume();
                    System.out.println(Main.class.getModule().getName() + " " + counted + " " + paused + " then " + steps
                            + " " + Coroutines.run(Main::nap));
                }
            }
            """;
    private static final String EXPECTED = "demo.app [1, 2, 3] [first] done=false then [first, second] slept";

    private static Path core;
    private static Path app;

    @BeforeAll
    static void compileTheApplicationModule(@TempDir Path tmp) throws Exception {
        core = Path.of(Continuation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.exists(core.resolve("module-info.class")), "core is built as a named module: " + core);
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("demo/app"));
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("demo/app/Main.java"), MAIN);
        app = tmp.resolve("app");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, "--release", "17",
                "--module-path", core.toString(), "-d", app.toString(),
                src.resolve("module-info.java").toString(), src.resolve("demo/app/Main.java").toString());
        assertEquals(0, status, errors.toString());
    }

    @Test
    void runsOnTheModulePathWithTheAgent() throws Exception {
        Result run = java(List.of("-javaagent:" + agentJar(), "--module-path", core + File.pathSeparator + app,
                "-m", "demo.app/demo.app.Main"));
        assertEquals(0, run.exit(), run.output());
        assertEquals(EXPECTED, run.output().trim());
    }

    @Test
    void runsOnTheModulePathWithoutTheAgentOnceInstrumentedOffline(@TempDir Path tmp) throws Exception {
        Path instrumented = tmp.resolve("app");
        copyTree(app, instrumented);
        OfflineInstrumenter.Outcome outcome = OfflineInstrumenter.instrumentInPlace(instrumented, List.of(core), name -> true);
        assertEquals(List.of(), outcome.problems());
        assertEquals(1, outcome.instrumented().size(), outcome.instrumented().toString());
        assertTrue(outcome.instrumented().get(0).startsWith("demo.app.Main: "), outcome.instrumented().toString());
        assertArrayEquals(Files.readAllBytes(app.resolve("module-info.class")), Files.readAllBytes(instrumented.resolve("module-info.class")),
                "the module descriptor is left as it is");

        Result run = java(List.of("--module-path", core + File.pathSeparator + instrumented, "-m", "demo.app/demo.app.Main"));
        assertEquals(0, run.exit(), run.output());
        assertEquals(EXPECTED, run.output().trim());
    }

    /** The agent jar this JVM was started with (core's tests always run with it). */
    private static String agentJar() {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-javaagent:") && arg.contains("jcoro-agent")) {
                String path = arg.substring("-javaagent:".length());
                int options = path.indexOf('=');
                return options < 0 ? path : path.substring(0, options);
            }
        }
        throw new AssertionError("the tests run without the jcoro agent: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    private record Result(int exit, String output) {
    }

    private static Result java(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the application did not end");
        return new Result(p.exitValue(), out.toString());
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
