package dev.jcoro.instrument.rewrite;

import static dev.jcoro.instrument.Bytecode.hierarchy;
import static dev.jcoro.instrument.Bytecode.lineOf;
import static dev.jcoro.instrument.Bytecode.method;
import static dev.jcoro.instrument.Bytecode.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.ClassInstrumenter;
import dev.jcoro.instrument.InstrumentationResult;
import dev.jcoro.instrument.TableText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

class MethodReferenceBoundaryTest {
    private static final String SOURCE = """
            package fixture;
            import dev.jcoro.*;
            import java.io.Serializable;
            import java.util.List;
            import java.util.function.*;
            public class Refs {
                interface Body { @Suspendable void run(String s); }
                public final List<String> seen = new ArrayList<>();
                @Suspendable void fetch(String s) { Continuation.suspend(); seen.add(s); }
                @Suspendable static int measure(String s) { Continuation.suspend(); return s.length(); }
                void plain(String s) { seen.add(s); }

                public void forEach(List<String> xs) {
                    xs.forEach(this::fetch); // ref:consumer
                }
                public static int apply(String s) {
                    Function<String, Integer> f = Refs::measure; // ref:function
                    return f.apply(s);
                }
                Consumer<String> plainRef() { return this::plain; }
                Body suspendableInterface() { return this::fetch; }
                Consumer<String> serializable() { return (Consumer<String> & Serializable) this::fetch; }
                Supplier<Refs> constructor() { return Refs::new; }
                Consumer<String> lambda() { return s -> fetch(s); }
            }
            """.replace("import java.util.List;", "import java.util.List;\nimport java.util.ArrayList;");
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile(RecordingFrameStack.SOURCE,
            RecordingFrameStack.TABLE_SOURCE, SOURCE);

    private static List<Handle> targets(ClassNode node, String methodName) {
        List<Handle> out = new ArrayList<>();
        for (AbstractInsnNode insn : method(node, methodName).instructions) {
            if (insn instanceof InvokeDynamicInsnNode indy) {
                out.add((Handle) indy.bsmArgs[1]);
            }
        }
        return out;
    }

    @Test
    void referenceToASuspendableMethodThroughAPlainInterfaceIsRedirectedToAForwardingMethod() {
        ClassNode refs = node(CLASSES.get("fixture/Refs"));
        Map<MethodNode, String> added = MethodReferenceBoundary.wrap(refs, hierarchy(CLASSES));
        assertEquals(List.of(
                "the method reference fixture.Refs::fetch used as java.util.function.Consumer in fixture.Refs.forEach (Refs.java:"
                        + lineOf(SOURCE, "ref:consumer") + ")",
                "the method reference fixture.Refs::measure used as java.util.function.Function in fixture.Refs.apply (Refs.java:"
                        + lineOf(SOURCE, "ref:function") + ")"), List.copyOf(added.values()));
        assertEquals(List.of(new Handle(Opcodes.H_INVOKESTATIC, "fixture/Refs", "jcoro$ref$0",
                "(Lfixture/Refs;Ljava/lang/String;)V", false)), targets(refs, "forEach"));
        assertEquals(List.of(new Handle(Opcodes.H_INVOKESTATIC, "fixture/Refs", "jcoro$ref$1",
                "(Ljava/lang/String;)I", false)), targets(refs, "apply"));
        MethodNode synthetic = method(refs, "jcoro$ref$0");
        assertEquals(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, synthetic.access);
        List<String> calls = new ArrayList<>();
        for (AbstractInsnNode insn : synthetic.instructions) {
            if (insn instanceof MethodInsnNode c) {
                calls.add(c.getOpcode() + " " + c.owner + "." + c.name + c.desc);
            }
        }
        assertEquals(List.of(Opcodes.INVOKEVIRTUAL + " fixture/Refs.fetch(Ljava/lang/String;)V"), calls);
    }

    @Test
    void theInstrumenterPinsTheForwardingMethodsAndRecordsThemAsReferences() throws Exception {
        InstrumentationResult result = new ClassInstrumenter(hierarchy(CLASSES)).instrument(CLASSES.get("fixture/Refs"));
        Map<String, byte[]> classes = new HashMap<>(CLASSES);
        classes.put("fixture/Refs", result.bytes());
        Class<?> c = Bytecode.jvmVerify(classes, "fixture/Refs");
        Object instance = c.getConstructor().newInstance();
        c.getMethod("forEach", List.class).invoke(instance, List.of("a"));
        assertEquals(List.of("a"), c.getField("seen").get(instance));
        List<String> rows = RecordingFrameStack.defined(c).stream().flatMap(t -> TableText.rows(t).stream())
                .filter(r -> r.startsWith("jcoro$ref$")).toList();
        assertEquals(List.of(
                "jcoro$ref$0 R the method reference fixture.Refs::fetch used as java.util.function.Consumer in fixture.Refs.forEach (Refs.java:"
                        + lineOf(SOURCE, "ref:consumer") + ") [-1]",
                "jcoro$ref$1 R the method reference fixture.Refs::measure used as java.util.function.Function in fixture.Refs.apply (Refs.java:"
                        + lineOf(SOURCE, "ref:function") + ") [-1]"), rows);
        List<String> events = RecordingFrameStack.events(c);
        assertEquals(3, events.size(), String.valueOf(events));
        assertTrue(events.get(0).startsWith("pin "), events.get(0));
        assertEquals("unpin", events.get(1));
        assertTrue(events.get(2).startsWith("check "), events.get(2));
    }

    @Test
    void plainTargetsSuspendableInterfacesSerializableConstructorAndLambdaReferencesAreLeftAlone() {
        ClassNode refs = node(CLASSES.get("fixture/Refs"));
        List<String> untouched = List.of("plainRef", "suspendableInterface", "serializable", "constructor", "lambda");
        Map<String, List<Handle>> before = new HashMap<>();
        for (String m : untouched) {
            before.put(m, targets(refs, m));
        }
        MethodReferenceBoundary.wrap(refs, hierarchy(CLASSES));
        for (String m : untouched) {
            assertEquals(before.get(m), targets(refs, m), m);
        }
    }

    @Test
    void referenceInsideAnInterfaceGetsAnInterfaceMethodThatOldClassFilesCanCall() throws Exception {
        Map<String, byte[]> classes = InMemoryJavac.compile(RecordingFrameStack.SOURCE, """
                package fixture;
                import dev.jcoro.*;
                import java.util.List;
                public interface Walker {
                    List<String> SEEN = new java.util.ArrayList<>();
                    @Suspendable static void visit(String s) { Continuation.suspend(); SEEN.add(s); }
                    static void walk(List<String> xs) { xs.forEach(Walker::visit); }
                }
                """);
        for (int version : new int[] {Opcodes.V17, Opcodes.V1_8}) {
            ClassNode walker = node(classes.get("fixture/Walker"));
            walker.version = version;
            assertEquals(1, MethodReferenceBoundary.wrap(walker, hierarchy(classes)).size());
            // Private interface methods arrived with Java 11; before that the synthetic method must be public.
            int visibility = version == Opcodes.V17 ? Opcodes.ACC_PRIVATE : Opcodes.ACC_PUBLIC;
            assertEquals(visibility | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, method(walker, "jcoro$ref$0").access);
            assertEquals(List.of(new Handle(Opcodes.H_INVOKESTATIC, "fixture/Walker", "jcoro$ref$0", "(Ljava/lang/String;)V", true)),
                    targets(walker, "walk"));
            Map<String, byte[]> loaded = new HashMap<>(classes);
            loaded.put("fixture/Walker", Bytecode.write(walker));
            Class<?> c = Bytecode.jvmVerify(loaded, "fixture/Walker");
            c.getMethod("walk", List.class).invoke(null, List.of("x", "y"));
            assertEquals(List.of("x", "y"), c.getField("SEEN").get(null));
        }
    }

    @Test
    void classWithoutSuchReferencesIsUnchanged() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                import java.util.function.*;
                class Quiet { Supplier<String> s() { return String::new; } Runnable r() { return System.out::println; } }
                """);
        ClassNode quiet = node(classes.get("fixture/Quiet"));
        assertEquals(Map.of(), MethodReferenceBoundary.wrap(quiet, hierarchy(classes)));
        assertEquals(Bytecode.text(classes.get("fixture/Quiet")), Bytecode.text(Bytecode.write(quiet)));
    }
}
