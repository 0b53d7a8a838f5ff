package dev.jcoro.instrument.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.Names;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

class OfflineInstrumenterTest {
    private static final Map<String, byte[]> APP = InMemoryJavac.compile("""
            package app;
            import dev.jcoro.*;
            public class Agented { @Suspendable static void go() { Continuation.suspend(); } }
            """, """
            package app;
            public class Quiet { static int f() { return 1; } }
            """, """
            package app;
            public class StepImpl implements lib.Step { public void step() { dev.jcoro.Continuation.suspend(); } }
            """, """
            package lib;
            public interface Step { @dev.jcoro.Suspendable void step(); }
            """);
    private static final byte[] PROPERTIES = "greeting=hello\n".getBytes(StandardCharsets.UTF_8);

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    /** The class files of {@code names} (internal names), by their path in a directory or jar. */
    private static Map<String, byte[]> entries(String... names) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name + ".class", APP.get(name));
        }
        return out;
    }

    private static void writeDirectory(Path dir, Map<String, byte[]> entries) throws Exception {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
    }

    private static void writeJar(Path jar, Map<String, byte[]> entries) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "app.Agented");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    private static Map<String, byte[]> readJar(Path jar) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) file.stream()::iterator) {
                try (InputStream in = file.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    private static boolean marked(byte[] classFile) {
        List<AnnotationNode> annotations = Bytecode.node(classFile).visibleAnnotations;
        return annotations != null && annotations.stream().anyMatch(a -> a.desc.equals(Names.INSTRUMENTED_DESC));
    }

    private OfflineInstrumenter tool(boolean verbose) {
        return new OfflineInstrumenter(verbose, new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    private List<String> logLines() {
        String text = logged.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }

    /** {@code app/Built}, whose constructor carries @Suspendable: the one thing the rewriter refuses outright. */
    private static byte[] annotatedConstructor() {
        ClassNode built = Bytecode.node(InMemoryJavac.compile("package app; public class Built { public Built() { } }").get("app/Built"));
        MethodNode init = Bytecode.method(built, "<init>");
        init.visibleAnnotations = new ArrayList<>(List.of(new AnnotationNode(Names.SUSPENDABLE_DESC)));
        ClassWriter w = new ClassWriter(0);
        built.accept(w);
        return w.toByteArray();
    }

    @Test
    void directoryToDirectoryRewritesSuspendableClassesAndCopiesEverythingElse(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        Map<String, byte[]> entries = entries("app/Agented", "app/Quiet");
        entries.put("app/config/app.properties", PROPERTIES);
        writeDirectory(in, entries);
        tool(true).run(in, out, "");
        assertTrue(marked(Files.readAllBytes(out.resolve("app/Agented.class"))));
        assertArrayEquals(APP.get("app/Quiet"), Files.readAllBytes(out.resolve("app/Quiet.class")));
        assertArrayEquals(PROPERTIES, Files.readAllBytes(out.resolve("app/config/app.properties")));
        assertArrayEquals(APP.get("app/Agented"), Files.readAllBytes(in.resolve("app/Agented.class")), "input untouched");
        assertEquals(List.of("[jcoro] instrumented app.Agented: go()V"), logLines());
    }

    @Test
    void directoryIsRewrittenInPlaceWhenNoOutputIsGiven(@TempDir Path dir) throws Exception {
        writeDirectory(dir, entries("app/Agented"));
        tool(false).run(dir, dir, "");
        assertTrue(marked(Files.readAllBytes(dir.resolve("app/Agented.class"))));
        assertEquals(List.of(), logLines(), "quiet without --verbose");
    }

    @Test
    void jarToJarKeepsEntriesInOrderWithTheManifestFirst(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("app.jar");
        Path out = tmp.resolve("app-instrumented.jar");
        Map<String, byte[]> entries = entries("app/Quiet", "app/Agented");
        entries.put("app/app.properties", PROPERTIES);
        writeJar(in, entries);
        tool(false).run(in, out, "");
        Map<String, byte[]> written = readJar(out);
        assertEquals(List.of("META-INF/MANIFEST.MF", "app/Quiet.class", "app/Agented.class", "app/app.properties"),
                new ArrayList<>(written.keySet()));
        assertTrue(marked(written.get("app/Agented.class")));
        assertArrayEquals(APP.get("app/Quiet"), written.get("app/Quiet.class"));
        assertArrayEquals(PROPERTIES, written.get("app/app.properties"));
        try (JarFile jar = new JarFile(out.toFile())) {
            assertEquals("app.Agented", jar.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS));
        }
        assertEquals(List.of(), logLines());
    }

    @Test
    void jarIsRewrittenInPlace(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("app.jar");
        writeJar(jar, entries("app/Agented"));
        tool(false).run(jar, jar, "");
        assertTrue(marked(readJar(jar).get("app/Agented.class")));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(jar), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void jarIsWrittenIntoADirectoryThatDoesNotExistYet(@TempDir Path tmp) throws Exception {
        // As a directory output is: build scripts name an output under a fresh build folder.
        Path in = tmp.resolve("app.jar");
        Path out = tmp.resolve("build/instrumented/app.jar");
        writeJar(in, entries("app/Agented"));
        tool(false).run(in, out, "");
        assertTrue(marked(readJar(out).get("app/Agented.class")));
    }

    @Test
    void eachRefusedMethodAndUnreadableClassIsOneProblemAndIsCopiedUnchanged(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        Map<String, byte[]> entries = entries("app/Agented");
        byte[] built = annotatedConstructor();
        byte[] broken = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 99};
        entries.put("app/Built.class", built);
        entries.put("app/Broken.class", broken);
        writeDirectory(in, entries);
        tool(false).run(in, out, "");
        List<String> errors = logLines().stream().filter(l -> l.startsWith("[jcoro] ERROR: ")).toList();
        assertEquals(2, errors.size(), logLines().toString());
        assertTrue(errors.get(0).startsWith("[jcoro] ERROR: cannot instrument app/Broken.class: "), errors.get(0));
        assertTrue(errors.get(0).endsWith("; left as it was"), errors.get(0));
        assertTrue(errors.get(1).startsWith("[jcoro] ERROR: app.Built.<init>()V (Built.java:1): @Suspendable is not allowed on a constructor"),
                errors.get(1));
        assertArrayEquals(built, Files.readAllBytes(out.resolve("app/Built.class")));
        assertArrayEquals(broken, Files.readAllBytes(out.resolve("app/Broken.class")));
        assertTrue(marked(Files.readAllBytes(out.resolve("app/Agented.class"))), "the other classes are still rewritten");
    }

    @Test
    void classPathMakesOverridesOfLibrarySuspendableMethodsSuspendable(@TempDir Path tmp) throws Exception {
        Path library = tmp.resolve("lib");
        writeDirectory(library, entries("lib/Step"));
        Path in = tmp.resolve("in");
        writeDirectory(in, entries("app/StepImpl"));
        OfflineResult without = OfflineInstrumenter.instrument(in, tmp.resolve("without"), List.of());
        assertEquals(List.of(Names.CURRENT, Names.PIN_PLAIN_CALLER, Names.UNPIN, Names.CHECK_NOT_CAPTURING, Names.UNPIN),
                frameStackCalls(tmp.resolve("without/app/StepImpl.class")),
                "without the library the override looks plain: its call to suspend is only pinned and checked");
        assertEquals(List.of("lib.Step"), without.unresolved(), "and the tool says which type it could not see");
        assertFalse(without.complete());
        OfflineResult with = OfflineInstrumenter.instrument(in, tmp.resolve("with"), List.of(tmp.resolve("missing"), library));
        List<String> rewritten = frameStackCalls(tmp.resolve("with/app/StepImpl.class"));
        assertEquals(Names.CURRENT, rewritten.get(0), "with it the override is a resumable method: " + rewritten);
        assertFalse(rewritten.contains(Names.CHECK_NOT_CAPTURING), rewritten.toString());
        assertEquals(List.of(), with.unresolved());
        assertTrue(with.complete());
    }

    @Test
    void unresolvedTypesAreReportedAsAnErrorWithTheAdviceToPassThem(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        writeDirectory(in, entries("app/StepImpl"));
        OfflineResult result = tool(false).run(in, tmp.resolve("out"), "");
        assertEquals("1 classes instrumented, 0 problems, 1 unresolved types", result.summary());
        assertEquals(List.of("[jcoro] ERROR: 1 types could not be resolved, so calls to their methods were taken as not "
                + "suspendable; pass the libraries that hold them with --cp: lib.Step"), logLines());
    }

    @Test
    void coreApiIsKnownWithoutCoreOnTheClassPath(@TempDir Path tmp) throws Exception {
        // Compiled against a bare stand-in of Coroutines that is not handed to the tool, nor annotated.
        Map<String, byte[]> app = InMemoryJavac.compile("""
                package dev.jcoro;
                public final class Coroutines {
                    public static void sleep(java.time.Duration d) { }
                    public static void yieldNow() { }
                }
                """, """
                package nap;
                import dev.jcoro.*;
                import java.time.Duration;
                public class Nap {
                    @Suspendable static void nap() { Coroutines.sleep(Duration.ofMillis(1)); }
                    static void plainCaller() { Coroutines.yieldNow(); }
                }
                """);
        Path in = tmp.resolve("in");
        writeDirectory(in, Map.of("nap/Nap.class", app.get("nap/Nap")));
        OfflineResult result = OfflineInstrumenter.instrument(in, tmp.resolve("out"), List.of());
        assertEquals(List.of("nap.Nap: nap()V, plainCaller()V"), result.instrumented());
        assertTrue(result.complete(), result.toString());
        ClassNode nap = Bytecode.node(Files.readAllBytes(tmp.resolve("out/nap/Nap.class")));
        List<String> napCalls = new ArrayList<>();
        for (var insn : Bytecode.method(nap, "nap").instructions) {
            if (insn instanceof MethodInsnNode call && call.owner.equals(Names.FRAME_STACK)) {
                napCalls.add(call.name);
            }
        }
        assertTrue(napCalls.contains(Names.CAPTURE_FRAME), "Coroutines.sleep is a suspendable call: " + napCalls);
    }

    @Test
    void inPlaceRewritesOnlyAcceptedClassesAndWritesOnlyWhatChanged(@TempDir Path tmp) throws Exception {
        Path library = tmp.resolve("lib");
        writeDirectory(library, entries("lib/Step"));
        Path classes = tmp.resolve("classes");
        writeDirectory(classes, entries("app/Agented", "app/Quiet", "app/StepImpl"));
        Path quiet = classes.resolve("app/Quiet.class");
        java.nio.file.attribute.FileTime before = java.nio.file.attribute.FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(quiet, before);

        OfflineInstrumenter.Outcome first = OfflineInstrumenter.instrumentInPlace(classes, List.of(library),
                name -> !name.equals("app/StepImpl"));
        assertEquals(List.of("app.Agented: go()V"), first.instrumented());
        assertEquals(List.of(), first.problems());
        assertTrue(marked(Files.readAllBytes(classes.resolve("app/Agented.class"))));
        assertArrayEquals(APP.get("app/StepImpl"), Files.readAllBytes(classes.resolve("app/StepImpl.class")), "not accepted: untouched");
        assertEquals(before, Files.getLastModifiedTime(quiet), "a class with nothing to rewrite is not written");

        Path agented = classes.resolve("app/Agented.class");
        Files.setLastModifiedTime(agented, before);
        OfflineInstrumenter.Outcome second = OfflineInstrumenter.instrumentInPlace(classes, List.of(library), name -> true);
        assertEquals(List.of("app.StepImpl: step()V"), second.instrumented(), "the instrumented class is skipped the second time");
        assertEquals(before, Files.getLastModifiedTime(agented));
        assertEquals(List.of(), logLines(), "prints nothing");
    }

    @Test
    void inPlaceReportsEachRefusalWithClassMethodAndLine(@TempDir Path classes) throws Exception {
        Map<String, byte[]> entries = entries("app/Agented");
        entries.put("app/Built.class", annotatedConstructor());
        writeDirectory(classes, entries);
        OfflineInstrumenter.Outcome outcome = OfflineInstrumenter.instrumentInPlace(classes, List.of(), name -> true);
        assertEquals(1, outcome.problems().size(), outcome.problems().toString());
        assertTrue(outcome.problems().get(0).startsWith("app.Built.<init>()V (Built.java:1): @Suspendable is not allowed on a constructor"),
                outcome.problems().get(0));
        assertEquals(List.of("app.Agented: go()V"), outcome.instrumented());
    }

    /** A module-info.class for module {@code name} that requires {@code requires} besides java.base. */
    private static byte[] moduleInfo(String name, String... requires) {
        ClassWriter w = new ClassWriter(0);
        w.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_MODULE, "module-info", null, null, null);
        org.objectweb.asm.ModuleVisitor module = w.visitModule(name, 0, null);
        module.visitRequire("java.base", org.objectweb.asm.Opcodes.ACC_MANDATED, null);
        for (String r : requires) {
            module.visitRequire(r, 0, null);
        }
        module.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    @Test
    void aRewrittenModuleThatDoesNotRequireJcoroIsWarnedAbout(@TempDir Path tmp) throws Exception {
        Path without = tmp.resolve("without");
        Map<String, byte[]> entries = entries("app/Agented");
        entries.put("module-info.class", moduleInfo("demo.app"));
        writeDirectory(without, entries);
        OfflineInstrumenter.Outcome warned = OfflineInstrumenter.instrumentInPlace(without, List.of(), name -> true);
        assertEquals(1, warned.warnings().size(), warned.warnings().toString());
        assertTrue(warned.warnings().get(0).startsWith("module demo.app has rewritten classes but does not declare `requires dev.jcoro;`"),
                warned.warnings().get(0));
        assertArrayEquals(moduleInfo("demo.app"), Files.readAllBytes(without.resolve("module-info.class")), "the descriptor is left alone");

        Path with = tmp.resolve("with");
        entries.put("module-info.class", moduleInfo("demo.app", "dev.jcoro"));
        writeDirectory(with, entries);
        assertEquals(List.of(), OfflineInstrumenter.instrumentInPlace(with, List.of(), name -> true).warnings());

        Path nothingRewritten = tmp.resolve("quiet");
        writeDirectory(nothingRewritten, Map.of("app/Quiet.class", APP.get("app/Quiet"), "module-info.class", moduleInfo("demo.app")));
        assertEquals(List.of(), OfflineInstrumenter.instrumentInPlace(nothingRewritten, List.of(), name -> true).warnings());
    }

    /** The names of the FrameStack methods that {@code step} of the class file calls, in order. */
    private static List<String> frameStackCalls(Path classFile) throws Exception {
        List<String> names = new ArrayList<>();
        for (var insn : Bytecode.method(Bytecode.node(Files.readAllBytes(classFile)), "step").instructions) {
            if (insn instanceof MethodInsnNode call && call.owner.equals(Names.FRAME_STACK)) {
                names.add(call.name);
            }
        }
        return names;
    }

    private record Exit(int code, String output) {
    }

    /** Runs the instrumenter's main in a JVM of its own: it ends with System.exit. */
    private static Exit main(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OfflineInstrumenter.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Exit(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void exitStatusIsOneWhenAMethodWasRefusedAndTwoOnAUsageError(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Map<String, byte[]> entries = entries("app/Agented");
        entries.put("app/Built.class", annotatedConstructor());
        writeDirectory(in, entries);
        Exit refused = main(in.toString(), tmp.resolve("out").toString());
        assertEquals(1, refused.code(), refused.output());
        assertTrue(refused.output().contains("[jcoro] offline: 1 classes instrumented, 1 problems, 0 unresolved types"), refused.output());

        Exit noInput = main("--verbose");
        assertEquals(2, noInput.code(), noInput.output());
        assertTrue(noInput.output().contains("give one input and at most one output"), noInput.output());
        Exit missing = main(tmp.resolve("nowhere").toString());
        assertEquals(2, missing.code(), missing.output());
        assertTrue(missing.output().contains("no such file or directory: " + tmp.resolve("nowhere")), missing.output());
        assertFalse(Files.exists(tmp.resolve("nowhere")));
    }
}
