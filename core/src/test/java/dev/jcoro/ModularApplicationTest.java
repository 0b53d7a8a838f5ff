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

    private static final String LIB_MODULE_INFO = """
            module demo.lib {
                requires dev.jcoro;
                exports demo.lib;
            }
            """;
    private static final String LIB_STEP = """
            package demo.lib;

            public interface Step {
                @dev.jcoro.Suspendable void step();
            }
            """;
    private static final String LIB_STEPS = """
            package demo.lib;

            import dev.jcoro.Continuation;
            import dev.jcoro.Suspendable;

            public final class Steps {
                @Suspendable public static void pause() {
                    Continuation.suspend();
                }

                public static String drive(Step step) {
                    Continuation c = new Continuation(step::step);
                    int resumes = 0;
                    while (!c.isDone()) {
                        c.resume();
                        resumes++;
                    }
                    return "resumes=" + resumes;
                }
            }
            """;
    /** A module that reads demo.lib only, yet its override of Step.step is rewritten to call dev.jcoro. */
    private static final String OVERRIDER_MODULE_INFO = """
            module demo.overrider {
                requires demo.lib;
            }
            """;
    private static final String OVERRIDER_MAIN = """
            package demo.overrider;

            import demo.lib.Step;
            import demo.lib.Steps;

            public class Main {
                static final class Twice implements Step {
                    public void step() {
                        System.out.print("a ");
                        Steps.pause();
                        System.out.print("b ");
                    }
                }

                public static void main(String[] args) {
                    System.out.println(Steps.drive(new Twice()));
                }
            }
            """;

    private static Path core;
    private static Path app;
    private static Path lib;
    private static Path overrider;

    @BeforeAll
    static void compileTheApplicationModule(@TempDir Path tmp) throws Exception {
        core = Path.of(Continuation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.exists(core.resolve("module-info.class")), "core is built as a named module: " + core);
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("demo/app"));
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("demo/app/Main.java"), MAIN);
        app = compile(src, tmp.resolve("app"), core.toString());
        lib = compile(sources(tmp.resolve("lib-src"), LIB_MODULE_INFO, LIB_STEP, LIB_STEPS), tmp.resolve("lib"), core.toString());
        overrider = compile(sources(tmp.resolve("overrider-src"), OVERRIDER_MODULE_INFO, OVERRIDER_MAIN), tmp.resolve("overrider"),
                core + File.pathSeparator + lib);
    }

    /** Writes each source (module-info first) under {@code dir}, at the path its package and first type name give. */
    private static Path sources(Path dir, String... sources) throws Exception {
        for (String source : sources) {
            String file = source.startsWith("module ") ? "module-info.java" : packageOf(source).replace('.', '/') + "/" + typeOf(source) + ".java";
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), source);
        }
        return dir;
    }

    private static String packageOf(String source) {
        return source.substring("package ".length(), source.indexOf(';'));
    }

    private static String typeOf(String source) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("public (?:final )?(?:class|interface) (\\w+)").matcher(source);
        assertTrue(m.find(), source);
        return m.group(1);
    }

    /** Compiles the module whose sources are under {@code src} into {@code out}. */
    private static Path compile(Path src, Path out, String modulePath) throws Exception {
        List<String> args = new ArrayList<>(List.of("--release", "17", "--module-path", modulePath, "-d", out.toString()));
        try (var files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new)), errors.toString());
        return out;
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
        assertEquals(List.of(), outcome.warnings(), "demo.app requires dev.jcoro");
        assertEquals(1, outcome.instrumented().size(), outcome.instrumented().toString());
        assertTrue(outcome.instrumented().get(0).startsWith("demo.app.Main: "), outcome.instrumented().toString());
        assertArrayEquals(Files.readAllBytes(app.resolve("module-info.class")), Files.readAllBytes(instrumented.resolve("module-info.class")),
                "the module descriptor is left as it is");

        Result run = java(List.of("--module-path", core + File.pathSeparator + instrumented, "-m", "demo.app/demo.app.Main"));
        assertEquals(0, run.exit(), run.output());
        assertEquals(EXPECTED, run.output().trim());
    }

    @Test
    void theAgentLetsAModuleThatOnlyOverridesASuspendableMethodReadJcoro() throws Exception {
        Result run = java(List.of("-javaagent:" + agentJar(), "--module-path", String.join(File.pathSeparator, core.toString(),
                lib.toString(), overrider.toString()), "-m", "demo.overrider/demo.overrider.Main"));
        assertEquals(0, run.exit(), run.output());
        assertEquals("a b resumes=2", run.output().trim());
    }

    @Test
    void instrumentedOfflineAModuleThatDoesNotRequireJcoroIsWarnedAbout(@TempDir Path tmp) throws Exception {
        Path instrumented = tmp.resolve("overrider");
        copyTree(overrider, instrumented);
        OfflineInstrumenter.Outcome outcome = OfflineInstrumenter.instrumentInPlace(instrumented, List.of(core, lib), name -> true);
        assertEquals(List.of("demo.overrider.Main$Twice: step()V"), outcome.instrumented());
        assertEquals(1, outcome.warnings().size(), outcome.warnings().toString());
        assertTrue(outcome.warnings().get(0).startsWith("module demo.overrider has rewritten classes but does not declare `requires dev.jcoro;`"),
                outcome.warnings().get(0));
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
