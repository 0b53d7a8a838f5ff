package dev.jcoro.instrument.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.Names;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;

class JcoroTransformerTest {
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile("""
            package fixture;
            import dev.jcoro.*;
            public class Agented { @Suspendable static void go() { Continuation.suspend(); } }
            """, """
            package fixture;
            public class Quiet { static int f() { return 1; } }
            """);
    private static final ClassLoader LOADER = new Bytecode.MemoryLoader(CLASSES);

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    private JcoroTransformer transformer(String options) {
        return new JcoroTransformer(AgentOptions.parse(options), new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    private static boolean marked(byte[] classFile) {
        ClassNode node = Bytecode.node(classFile);
        List<AnnotationNode> annotations = node.visibleAnnotations == null ? List.of() : node.visibleAnnotations;
        return annotations.stream().anyMatch(a -> a.desc.equals(Names.INSTRUMENTED_DESC));
    }

    @Test
    void suspendableClassIsRewrittenAndReportedWhenVerbose() {
        byte[] out = transformer("verbose").transform(LOADER, "fixture/Agented", null, null, CLASSES.get("fixture/Agented"));
        assertNotNull(out);
        assertTrue(marked(out));
        assertEquals("[jcoro] instrumented fixture.Agented: go()V\n", log().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void classesItMustNotTouchAreReturnedAsNull() {
        JcoroTransformer t = transformer("exclude=fixture.skip");
        byte[] agented = CLASSES.get("fixture/Agented");
        assertNull(t.transform(LOADER, "fixture/Quiet", null, null, CLASSES.get("fixture/Quiet")), "nothing to do");
        assertNull(t.transform(LOADER, "java/lang/Thing", null, null, agented), "JDK package");
        assertNull(t.transform(LOADER, "fixture/skip/Agented", null, null, agented), "excluded package");
        assertNull(t.transform(LOADER, null, null, null, agented), "hidden class without a name");
        assertNull(t.transform(LOADER, "fixture/Agented", Object.class, null, agented), "redefinition");
        assertEquals("", log());
    }

    @Test
    void unreadableClassIsLoggedAndLoadsUnchanged() {
        byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 99};
        assertNull(transformer("").transform(LOADER, "fixture/Broken", null, null, garbage));
        assertTrue(log().startsWith("[jcoro] ERROR: cannot instrument fixture.Broken: "), log());
        assertTrue(log().trim().endsWith("; the class is loaded uninstrumented"), log());
    }

    @Test
    void classLoaderIsNotKeptAliveByTheTransformer() throws Exception {
        JcoroTransformer t = transformer("");
        WeakReference<ClassLoader> loader = transformWithFreshLoader(t);
        for (int i = 0; i < 100 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        // Application servers and test runners drop loaders all the time; the per-loader cache must let them go.
        assertNull(loader.get(), "the loader is still reachable after it was dropped");
        assertNotNull(t);
    }

    /** Has {@code t} rewrite a class for a loader that nothing else references once this returns. */
    private static WeakReference<ClassLoader> transformWithFreshLoader(JcoroTransformer t) {
        ClassLoader loader = new Bytecode.MemoryLoader(CLASSES);
        assertNotNull(t.transform(loader, "fixture/Agented", null, null, CLASSES.get("fixture/Agented")));
        return new WeakReference<>(loader);
    }

    @Test
    void rewrittenClassesAreDumpedUnderTheirPackage(@TempDir Path dir) throws Exception {
        byte[] out = transformer("dump=" + dir).transform(LOADER, "fixture/Agented", null, null, CLASSES.get("fixture/Agented"));
        assertArrayEquals(out, Files.readAllBytes(dir.resolve("fixture/Agented.class")));
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        assertEquals(List.of(dir.resolve("fixture/Agented.class")), files);
    }
}
