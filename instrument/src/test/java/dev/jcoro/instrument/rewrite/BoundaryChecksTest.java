package dev.jcoro.instrument.rewrite;

import static dev.jcoro.instrument.Bytecode.lineOf;
import static dev.jcoro.instrument.Bytecode.method;
import static dev.jcoro.instrument.Bytecode.node;
import static dev.jcoro.instrument.Bytecode.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

class BoundaryChecksTest {
    private static final String SOURCE = """
            package fixture;
            import dev.jcoro.*;
            import java.util.List;
            public class Edge {
                @Suspendable static int fetch(String s) { Continuation.suspend(); return s.length(); }
                public static int all(List<String> xs) {
                    int total = 0;
                    for (String x : xs) {
                        if (x.isEmpty()) continue;
                        total += fetch(x); // check:loop
                    }
                    return total + xs.size() + fetch("end"); // check:end
                }
                static int none(List<String> xs) { return xs.size(); }
            }
            """;
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile(RecordingFrameStack.SOURCE, SOURCE);
    private static final Predicate<MethodInsnNode> FETCH = call -> call.name.equals("fetch");

    private static List<AbstractInsnNode> real(MethodNode m) {
        List<AbstractInsnNode> out = new ArrayList<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn.getOpcode() >= 0) {
                out.add(insn);
            }
        }
        return out;
    }

    @Test
    void eachSuspendableCallIsFollowedByACheckNamingClassMethodFileAndLine() {
        MethodNode all = method(node(CLASSES.get("fixture/Edge")), "all");
        assertEquals(2, BoundaryChecks.insert("fixture/Edge", "Edge.java", all, FETCH));
        List<AbstractInsnNode> code = real(all);
        List<String> checks = new ArrayList<>();
        for (int i = 0; i < code.size(); i++) {
            if (code.get(i) instanceof MethodInsnNode call && (call.name.equals("fetch") || call.name.equals("size"))) {
                AbstractInsnNode next = code.get(i + 1);
                AbstractInsnNode check = code.get(i + 2);
                boolean checked = next instanceof LdcInsnNode && check instanceof MethodInsnNode c
                        && c.owner.equals(Names.FRAME_STACK) && c.name.equals(Names.CHECK_NOT_CAPTURING);
                checks.add(call.name + (checked ? " -> " + ((LdcInsnNode) next).cst : ""));
            }
        }
        assertEquals(List.of(
                "fetch -> fixture.Edge.all (Edge.java:" + lineOf(SOURCE, "check:loop") + ")",
                "size",
                "fetch -> fixture.Edge.all (Edge.java:" + lineOf(SOURCE, "check:end") + ")"), checks);
    }

    @Test
    void maxStackGrowsByOneOnlyWhenChecksAreInserted() {
        ClassNode edge = node(CLASSES.get("fixture/Edge"));
        MethodNode all = method(edge, "all");
        int before = all.maxStack;
        BoundaryChecks.insert("fixture/Edge", "Edge.java", all, FETCH);
        assertEquals(before + 1, all.maxStack);
        MethodNode none = method(edge, "none");
        String code = text(none);
        int noneStack = none.maxStack;
        assertEquals(0, BoundaryChecks.insert("fixture/Edge", "Edge.java", none, FETCH));
        assertEquals(noneStack, none.maxStack);
        assertEquals(code, text(none));
    }

    @Test
    void existingStackMapFramesStayValidAndEveryCallIsCheckedAtRunTime() throws Exception {
        ClassNode edge = node(CLASSES.get("fixture/Edge"));
        BoundaryChecks.insert("fixture/Edge", "Edge.java", method(edge, "all"), FETCH);
        Map<String, byte[]> classes = new HashMap<>(CLASSES);
        // Written without recomputing frames: the inserted code must not need new ones.
        classes.put("fixture/Edge", Bytecode.write(edge));
        Class<?> c = Bytecode.jvmVerify(classes, "fixture/Edge");
        assertEquals(2 + 3 + 3 + 3, c.getMethod("all", List.class).invoke(null, List.of("ab", "", "cde")));
        String loop = "fixture.Edge.all (Edge.java:" + lineOf(SOURCE, "check:loop") + ")";
        String end = "fixture.Edge.all (Edge.java:" + lineOf(SOURCE, "check:end") + ")";
        assertEquals(List.of(loop, loop, end), RecordingFrameStack.checked(c));
    }
}
