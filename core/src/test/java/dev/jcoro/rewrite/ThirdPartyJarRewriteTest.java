package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Steps;
import dev.jcoro.instrument.ClassInstrumenter;
import dev.jcoro.instrument.InstrumentationResult;
import dev.jcoro.instrument.classify.ClassBytesSource;
import dev.jcoro.instrument.classify.ClassHierarchy;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The rewriter applied to every method of a real third-party library (ASM's five jars), treating every
 * method and every call as suspendable: each rewritten class must pass ASM's verifier and the JVM's,
 * and the rewritten library must still work, outside a continuation and inside one that suspends deep in
 * it (a visitor that pauses at every method) and is resumed on alternating threads.
 */
class ThirdPartyJarRewriteTest {

    @Test
    void everyMethodOfAsmRewrittenVerifiesLoadsAndRuns() throws Exception {
        Map<String, byte[]> originals = new HashMap<>();
        for (Class<?> inJar : List.of(ClassReader.class, org.objectweb.asm.tree.ClassNode.class,
                org.objectweb.asm.tree.analysis.Analyzer.class, org.objectweb.asm.commons.GeneratorAdapter.class,
                CheckClassAdapter.class)) {
            originals.putAll(readJar(Path.of(inJar.getProtectionDomain().getCodeSource().getLocation().toURI())));
        }
        ClassBytesSource fallback = ClassBytesSource.of(ThirdPartyJarRewriteTest.class.getClassLoader());
        ClassHierarchy hierarchy = new ClassHierarchy(name -> originals.containsKey(name) ? originals.get(name) : fallback.bytes(name));
        ClassInstrumenter everything = new ClassInstrumenter(hierarchy, true);

        Map<String, byte[]> rewritten = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int methods = 0;
        for (Class<?> driver : List.of(SuspendingVisitor.class, AsmRoundTrip.class)) {
            try (InputStream in = driver.getResourceAsStream(driver.getSimpleName() + ".class")) {
                originals.put(driver.getName().replace('.', '/'), in.readAllBytes());
            }
        }
        for (Map.Entry<String, byte[]> e : originals.entrySet()) {
            InstrumentationResult r = everything.instrument(e.getValue());
            problems.addAll(r.problems());
            methods += r.instrumented().size();
            rewritten.put(e.getKey(), r.changed() ? r.bytes() : e.getValue());
        }
        // With every call suspendable, ClassReader.readCode (already ~20 KiB of bytecode) outgrows the
        // JVM's 64 KiB limit: that one refusal is expected and must say so; nothing else may be refused.
        List<String> unexpected = problems.stream().filter(p -> !p.contains("64 KiB")).toList();
        assertTrue(unexpected.isEmpty(), String.join("\n", unexpected));
        assertTrue(problems.size() <= 2, String.join("\n", problems));
        assertTrue(methods > 1500, "rewrote " + methods + " methods");

        TestClasses.MemoryLoader loader = new TestClasses.MemoryLoader(rewritten);
        List<String> verifyErrors = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : rewritten.entrySet()) {
            StringWriter out = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(e.getValue()), loader, false, new PrintWriter(out));
            if (!out.toString().isEmpty()) {
                verifyErrors.add(e.getKey() + ":\n" + out);
            }
        }
        assertTrue(verifyErrors.isEmpty(), String.join("\n", verifyErrors));
        for (String name : rewritten.keySet()) {
            Class.forName(name.replace('/', '.'), true, loader);
        }

        // The rewritten ASM copies a class exactly as the original does, outside a continuation and inside one
        // that pauses at each of the class's methods, deep in ClassReader.accept, and is resumed on two threads.
        byte[] sample = originals.get("org/objectweb/asm/ClassReader");
        byte[] expected = roundTrip(ClassReader.class.getClassLoader(), sample);
        assertArrayEquals(expected, roundTrip(loader, sample));
        Class<?> pausing = Class.forName(SuspendingVisitor.class.getName(), true, loader);
        Object copy = Class.forName(AsmRoundTrip.class.getName(), true, loader).getConstructor(byte[].class).newInstance((Object) sample);
        int suspensions = Steps.runHopping(new dev.jcoro.Continuation((dev.jcoro.SuspendableRunnable) copy));
        int methodsInSample = methodCount(sample);
        assertTrue(methodsInSample > 20, "ClassReader has " + methodsInSample + " methods");
        assertEquals(methodsInSample, suspensions, "one suspension per method visited");
        assertEquals(methodsInSample, pausing.getField("paused").get(null));
        assertArrayEquals(expected, (byte[]) copy.getClass().getField("out").get(copy));
    }

    private static int methodCount(byte[] classFile) {
        org.objectweb.asm.tree.ClassNode node = new org.objectweb.asm.tree.ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node.methods.size();
    }

    /** new ClassWriter(0) fed by new ClassReader(bytes), through reflection on the given loader's ASM. */
    private static byte[] roundTrip(ClassLoader asm, byte[] bytes) {
        try {
            Class<?> readerType = Class.forName("org.objectweb.asm.ClassReader", true, asm);
            Class<?> writerType = Class.forName("org.objectweb.asm.ClassWriter", true, asm);
            Class<?> visitorType = Class.forName("org.objectweb.asm.ClassVisitor", true, asm);
            Object reader = readerType.getConstructor(byte[].class).newInstance((Object) bytes);
            Object writer = writerType.getConstructor(int.class).newInstance(0);
            readerType.getMethod("accept", visitorType, int.class).invoke(reader, writer, 0);
            return (byte[]) writerType.getMethod("toByteArray").invoke(writer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> readJar(Path jar) throws Exception {
        Map<String, byte[]> classes = new HashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) file.stream()::iterator) {
                if (e.getName().endsWith(".class") && !e.getName().contains("module-info")) {
                    try (InputStream in = file.getInputStream(e)) {
                        classes.put(e.getName().substring(0, e.getName().length() - 6), in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }
}
