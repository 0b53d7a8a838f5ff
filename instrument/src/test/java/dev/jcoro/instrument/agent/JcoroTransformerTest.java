package dev.jcoro.instrument.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            """, """
            package fixture;
            public interface Handler { @dev.jcoro.Suspendable void handle(); }
            """, """
            package fixture;
            public class PlainHandler implements Handler {
                public void handle() { dev.jcoro.Continuation.suspend(); }
            }
            """, """
            package fixture;
            public class QuietHandler implements Handler { public void handle() { } }
            """, """
            package fixture;
            public class Library extends java.util.AbstractList<String> implements Runnable {
                public String get(int i) { return String.valueOf(i); }
                public int size() { return Quiet.f(); }
                public void run() { java.util.List.of(1).forEach(x -> System.out.println(x)); }
            }
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
    void classWithoutAnyJcoroReferenceIsReturnedWithoutStartingTheRewriter() {
        JcoroTransformer t = transformer("");
        assertNull(t.transform(LOADER, "fixture/Library", null, null, CLASSES.get("fixture/Library")));
        assertNull(t.transform(LOADER, "fixture/Quiet", null, null, CLASSES.get("fixture/Quiet")));
        assertFalse(t.viewOf(LOADER).rewriterStarted(), "no class reached the rewriter: no tree was built");
        assertEquals("", log());
    }

    @Test
    void subclassLoadedBeforeItsSuspendableInterfaceIsStillRewritten() throws Exception {
        // As the JVM does: the agent sees QuietHandler before the JVM resolves (and loads) Handler.
        JcoroTransformer t = transformer("");
        TransformingLoader loader = new TransformingLoader(t, CLASSES);
        Class.forName("fixture.QuietHandler", false, loader);
        Class.forName("fixture.PlainHandler", false, loader);
        assertEquals(List.of("fixture/QuietHandler", "fixture/Handler", "fixture/PlainHandler"), loader.seen);
        assertTrue(loader.rewritten.containsAll(List.of("fixture/QuietHandler", "fixture/PlainHandler")), loader.rewritten.toString());
    }

    @Test
    void loaderThatCannotSeeJcoroHasNothingRewritten() {
        Map<String, byte[]> withoutCore = new java.util.TreeMap<>(CLASSES);
        withoutCore.keySet().removeIf(n -> n.startsWith("dev/jcoro/"));
        ClassLoader loader = new Bytecode.MemoryLoader(withoutCore);
        JcoroTransformer t = transformer("");
        // A class compiled against jcoro but run without it runs as plain Java; rewritten, it could not link.
        assertNull(t.transform(loader, "fixture/Agented", null, null, CLASSES.get("fixture/Agented")));
        assertFalse(t.viewOf(loader).rewriterStarted());
    }

    /** Calls the transformer on each class it defines, before defining it, as the JVM calls an agent. */
    private static final class TransformingLoader extends ClassLoader {
        final List<String> seen = new ArrayList<>();
        final List<String> rewritten = new ArrayList<>();
        private final JcoroTransformer transformer;
        private final Map<String, byte[]> classes;

        TransformingLoader(JcoroTransformer transformer, Map<String, byte[]> classes) {
            super(new Bytecode.MemoryLoader(classes));
            this.transformer = transformer;
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c != null) {
                    return c;
                }
                return name.startsWith("fixture.") ? findClass(name) : super.loadClass(name, resolve);
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            String internal = name.replace('.', '/');
            byte[] bytes = classes.get(internal);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            seen.add(internal);
            byte[] out = transformer.transform(this, internal, null, null, bytes);
            if (out != null) {
                rewritten.add(internal);
            }
            byte[] defined = out != null ? out : bytes;
            return defineClass(name, defined, 0, defined.length);
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            return getParent().getResourceAsStream(name);
        }
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
