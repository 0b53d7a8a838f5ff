package dev.jcoro.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.jcoro.Coroutines;
import dev.jcoro.internal.Instrumented;
import dev.jcoro.test.offline.OfflineFixture;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A test class rewritten ahead of time by the offline instrumenter (what the Maven plugin's
 * {@code instrument-tests} goal runs) works with {@code @CoroutineTest} as one rewritten by the agent does.
 */
class OfflineInstrumentedTestTest {
    private static final String FIXTURE = OfflineFixture.class.getName();
    private static final Path AGENT_JAR = Path.of(System.getProperty("jcoro.agent.jar", "../instrument/target/jcoro-agent.jar"));

    @Test
    void anOfflineInstrumentedTestClassRunsItsCoroutineTest(@TempDir Path work) throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        Path classFile = Path.of(FIXTURE.replace('.', '/') + ".class");
        Files.createDirectories(input.resolve(classFile).getParent());
        Files.copy(locationOf(OfflineFixture.class).resolve(classFile), input.resolve(classFile));
        instrumentOffline(input, output);

        Class<?> rewritten = new OneClassFirstLoader(FIXTURE, Files.readAllBytes(output.resolve(classFile)),
                getClass().getClassLoader()).loadClass(FIXTURE);
        assertEquals(true, rewritten.isAnnotationPresent(Instrumented.class), "the offline instrumenter marks what it rewrote");
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(rewritten)).execute().testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }

    private static void instrumentOffline(Path input, Path output) throws Exception {
        String classpath = String.join(File.pathSeparator, locationOf(Coroutines.class).toString(),
                locationOf(CoroutineTest.class).toString(), locationOf(Test.class).toString());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-jar", AGENT_JAR.toString(), "--cp", classpath,
                input.toString(), output.toString())).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the offline instrumenter did not finish within 60 s: " + log);
        }
        assertEquals(0, p.exitValue(), "the offline instrumenter failed: " + log);
    }

    private static Path locationOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + c, e);
        }
    }

    /** Defines one class from given bytes and delegates everything else to its parent. */
    private static final class OneClassFirstLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        OneClassFirstLoader(String name, byte[] bytes, ClassLoader parent) {
            super(parent);
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (!className.equals(name)) {
                return super.loadClass(className, resolve);
            }
            synchronized (getClassLoadingLock(className)) {
                Class<?> c = findLoadedClass(className);
                return c != null ? c : defineClass(className, bytes, 0, bytes.length);
            }
        }
    }
}
