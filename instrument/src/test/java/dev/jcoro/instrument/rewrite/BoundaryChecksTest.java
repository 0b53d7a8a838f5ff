package dev.jcoro.instrument.rewrite;

import static dev.jcoro.instrument.Bytecode.hierarchy;
import static dev.jcoro.instrument.Bytecode.lineOf;
import static dev.jcoro.instrument.Bytecode.method;
import static dev.jcoro.instrument.Bytecode.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.SourceLocation;
import dev.jcoro.instrument.TableText;
import dev.jcoro.instrument.emit.ClassMarker;
import dev.jcoro.instrument.emit.FrameComputer;
import dev.jcoro.instrument.emit.MethodTableBuilder;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

class BoundaryChecksTest {
    private static final String SOURCE = """
            package fixture;
            import dev.jcoro.*;
            import java.util.List;
            public class Edge {
                @Suspendable static int fetch(String s) {
                    if (s.equals("boom")) throw new IllegalArgumentException(s);
                    return s.length();
                }
                public static int all(List<String> xs) {
                    int total = 0;
                    for (String x : xs) {
                        if (x.isEmpty()) continue;
                        total += fetch(x); // check:loop
                    }
                    return total + xs.size() + fetch("end"); // check:end
                }
            }
            """;
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile(RecordingFrameStack.SOURCE,
            RecordingFrameStack.TABLE_SOURCE, SOURCE);

    /** {@code Edge.all} with its two fetch calls pinned and checked, frames computed, class marked. */
    private static Class<?> rewrittenEdge() throws Exception {
        ClassNode edge = node(CLASSES.get("fixture/Edge"));
        MethodNode all = method(edge, "all");
        List<MethodInsnNode> calls = new ArrayList<>();
        for (AbstractInsnNode insn : all.instructions) {
            if (insn instanceof MethodInsnNode call && call.name.equals("fetch")) {
                calls.add(call);
            }
        }
        MethodTableBuilder table = new MethodTableBuilder(edge.name, false);
        MethodTableBuilder.MethodId id = table.add("all", MethodTableBuilder.Kind.PLAIN_CALLER, null,
                calls.stream().mapToInt(SourceLocation::lineOf).toArray());
        BoundaryChecks.insert(all, calls, id);
        edge.methods.set(edge.methods.indexOf(all), new FrameComputer(hierarchy(CLASSES)).compute(edge, all));
        ClassMarker.mark(edge, table);
        Map<String, byte[]> classes = new HashMap<>(CLASSES);
        byte[] bytes = Bytecode.write(edge);
        assertEquals("", Bytecode.asmVerify(bytes, classes));
        classes.put("fixture/Edge", bytes);
        return Bytecode.jvmVerify(classes, "fixture/Edge");
    }

    @Test
    void eachSuspendableCallIsPinnedThenUnpinnedThenChecked() throws Exception {
        Class<?> c = rewrittenEdge();
        assertEquals(2 + 3 + 3 + 3, c.getMethod("all", List.class).invoke(null, List.of("ab", "", "cde")));
        int id = RecordingFrameStack.BASE_ID;
        assertEquals(List.of(
                "pin " + id + ":0", "unpin", "check " + id + ":0",
                "pin " + id + ":0", "unpin", "check " + id + ":0",
                "pin " + id + ":1", "unpin", "check " + id + ":1"), RecordingFrameStack.events(c));
    }

    @Test
    void theTableNamesTheMethodItsRoleAndTheLineOfEachSite() throws Exception {
        Class<?> c = rewrittenEdge();
        c.getMethod("all", List.class).invoke(null, List.of());
        List<String> defined = RecordingFrameStack.defined(c);
        assertEquals(1, defined.size());
        assertEquals(List.of("first=0 file=Edge.java",
                "all P null [" + lineOf(SOURCE, "check:loop") + ", " + lineOf(SOURCE, "check:end") + "]"),
                TableText.rows(defined.get(0)));
    }

    @Test
    void anExceptionFromThePinnedCallEndsThePinAndPropagatesUnchanged() throws Exception {
        Class<?> c = rewrittenEdge();
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
                () -> c.getMethod("all", List.class).invoke(null, List.of("boom")));
        assertEquals(IllegalArgumentException.class, e.getCause().getClass());
        assertEquals("boom", e.getCause().getMessage());
        int id = RecordingFrameStack.BASE_ID;
        assertEquals(List.of("pin " + id + ":0", "unpin"), RecordingFrameStack.events(c), "no check after an exception");
    }

    @Test
    void methodWithoutSuspendableCallsIsLeftAlone() {
        MethodNode all = method(node(CLASSES.get("fixture/Edge")), "all");
        String before = Bytecode.text(all);
        BoundaryChecks.insert(all, List.of(), null);
        assertEquals(before, Bytecode.text(all));
    }
}
