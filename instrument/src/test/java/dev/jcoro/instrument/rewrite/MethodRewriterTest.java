package dev.jcoro.instrument.rewrite;

import static dev.jcoro.instrument.Bytecode.hierarchy;
import static dev.jcoro.instrument.Bytecode.method;
import static dev.jcoro.instrument.Bytecode.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.Names;
import dev.jcoro.instrument.analyse.MethodAnalysis;
import dev.jcoro.instrument.analyse.SuspendSite;
import dev.jcoro.instrument.emit.ClassMarker;
import dev.jcoro.instrument.emit.MethodTableBuilder;
import dev.jcoro.instrument.classify.ClassHierarchy;
import dev.jcoro.instrument.classify.Classifier;
import dev.jcoro.instrument.emit.FrameComputer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

class MethodRewriterTest {
    /**
     * Only what the fast path touches: a stack that is always running. Enough to run rewritten code that
     * never suspends; suspending and resuming are core's end-to-end tests.
     */
    private static final String RUNNING_FRAME_STACK = """
            package dev.jcoro.internal;
            public final class FrameStack {
                private static final FrameStack RUNNING = new FrameStack();
                public int mode;
                public int pins;
                public static FrameStack current() { return RUNNING; }
                public void pinMonitor(int id, int site) { pins++; }
                public void unpin() { pins--; }
            }
            """;
    /** Hands out ids as core does and ignores the table. */
    private static final String COUNTING_METHOD_TABLE = """
            package dev.jcoro.internal;
            public final class MethodTable {
                public static int reserve(int count) { return 500; }
                public static void define(int base, String className, String encoded) { }
            }
            """;
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile(RUNNING_FRAME_STACK, COUNTING_METHOD_TABLE, """
            package fixture;
            import dev.jcoro.*;
            public class Rw {
                @Suspendable static int si() { Continuation.suspend(); return 1; }
                @Suspendable long step(String s, long w) { Continuation.suspend(); return w + s.length(); }
                @Suspendable public double mixed(long l, double d, String s, int[] a) {
                    long x = l + si();
                    double y = d * step(s, x);
                    synchronized (this) { x += si(); }
                    return x + y + a.length + s.length();
                }
                @Suspendable public static int guarded(int n) {
                    int r = 0;
                    try {
                        r = si() + n;
                    } catch (RuntimeException e) {
                        r = -1;
                    } finally {
                        r++;
                    }
                    return r;
                }
            }
            """);

    private record Rewritten(ClassNode owner, MethodNode method, List<SuspendSite> sites) {
    }

    private static Rewritten rewrite(String name) {
        ClassNode node = node(CLASSES.get("fixture/Rw"));
        MethodNode m = method(node, name);
        ClassHierarchy h = hierarchy(CLASSES);
        List<SuspendSite> sites = MethodAnalysis.analyse(node, m, h, new Classifier(h, false)::isSuspendableCall);
        MethodTableBuilder table = new MethodTableBuilder(node.name, false);
        MethodTableBuilder.MethodId id = table.add(name, MethodTableBuilder.Kind.SUSPENDABLE, null,
                sites.stream().mapToInt(SuspendSite::line).toArray());
        new MethodRewriter(node.name, m, sites, id, false).rewrite();
        MethodNode done = new FrameComputer(h).compute(node, m);
        node.methods.set(node.methods.indexOf(m), done);
        ClassMarker.mark(node, table);
        return new Rewritten(node, done, sites);
    }

    private static List<AbstractInsnNode> real(MethodNode m) {
        List<AbstractInsnNode> out = new ArrayList<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn.getOpcode() >= 0) {
                out.add(insn);
            }
        }
        return out;
    }

    private static boolean isModeRead(AbstractInsnNode insn) {
        return insn instanceof FieldInsnNode f && f.owner.equals(Names.FRAME_STACK) && f.name.equals(Names.MODE);
    }

    private static long count(MethodNode m, String frameStackMethodPrefix) {
        return real(m).stream().filter(i -> i instanceof MethodInsnNode c && c.owner.equals(Names.FRAME_STACK)
                && c.name.startsWith(frameStackMethodPrefix)).count();
    }

    @Test
    void rewrittenMethodPassesBothVerifiers() throws Exception {
        for (String name : List.of("mixed", "guarded")) {
            Rewritten r = rewrite(name);
            Map<String, byte[]> classes = new HashMap<>(CLASSES);
            byte[] bytes = Bytecode.write(r.owner());
            classes.put("fixture/Rw", bytes);
            assertEquals("", Bytecode.asmVerify(bytes, classes), name);
            Bytecode.jvmVerify(classes, "fixture/Rw");
        }
    }

    @Test
    void fastPathComputesWhatTheOriginalDid() throws Exception {
        Rewritten mixed = rewrite("mixed");
        Rewritten guarded = rewrite("guarded");
        ClassNode both = mixed.owner();
        both.methods.set(both.methods.indexOf(method(both, "guarded")), guarded.method());
        Map<String, byte[]> classes = new HashMap<>(CLASSES);
        classes.put("fixture/Rw", Bytecode.write(both));
        // guarded's ids are relative to a table the class does not register; only mixed touches its ids here.
        Class<?> rw = Bytecode.jvmVerify(classes, "fixture/Rw");
        Object instance = rw.getConstructor().newInstance();
        // x = 10 + 1; y = 2.0 * (11 + 3); x += 1; 12 + 28.0 + 2 + 3
        assertEquals(45.0, rw.getMethod("mixed", long.class, double.class, String.class, int[].class)
                .invoke(instance, 10L, 2.0, "abc", new int[2]));
        assertEquals(6, rw.getMethod("guarded", int.class).invoke(null, 4));
    }

    @Test
    void entryTestsTheModeOnceBeforeTheOriginalCode() {
        Rewritten r = rewrite("mixed");
        List<AbstractInsnNode> code = real(r.method());
        MethodInsnNode current = assertInstanceOf(MethodInsnNode.class, code.get(0));
        assertEquals(Names.FRAME_STACK + "." + Names.CURRENT + Names.CURRENT_DESC, current.owner + "." + current.name + current.desc);
        assertEquals(Opcodes.DUP, code.get(1).getOpcode());
        assertEquals(Opcodes.ASTORE, assertInstanceOf(VarInsnNode.class, code.get(2)).getOpcode());
        assertTrue(isModeRead(code.get(3)));
        assertEquals(Opcodes.IFNE, code.get(4).getOpcode());
    }

    @Test
    void fastPathAddsExactlyOneModeTestAfterEachSuspendableCall() {
        Rewritten r = rewrite("mixed");
        List<AbstractInsnNode> code = real(r.method());
        List<MethodInsnNode> calls = new ArrayList<>();
        for (AbstractInsnNode insn : code) {
            if (insn instanceof MethodInsnNode c && (c.name.equals("si") || c.name.equals("step"))) {
                calls.add(c);
            }
        }
        assertEquals(3, calls.size(), "each call stays in place once; restores jump back to it");
        for (MethodInsnNode call : calls) {
            int at = code.indexOf(call);
            if (code.get(at + 2) instanceof MethodInsnNode unpin && unpin.name.equals(Names.UNPIN)) {
                at += 2; // the site under the monitor ends its pin first
            }
            assertEquals(Opcodes.ALOAD, code.get(at + 1).getOpcode());
            assertTrue(isModeRead(code.get(at + 2)), Bytecode.text(r.method()));
            assertInstanceOf(JumpInsnNode.class, code.get(at + 3));
        }
        // One read on entry and one after each call; the slow entry leaves telling restoring from capturing to
        // FrameStack.popFrame.
        assertEquals(1 + 3, code.stream().filter(MethodRewriterTest::isModeRead).count());
    }

    @Test
    void oneTableswitchEntryPerSite() {
        Rewritten r = rewrite("mixed");
        List<TableSwitchInsnNode> switches = real(r.method()).stream()
                .filter(TableSwitchInsnNode.class::isInstance).map(TableSwitchInsnNode.class::cast).toList();
        assertEquals(1, switches.size());
        TableSwitchInsnNode dispatch = switches.get(0);
        assertEquals(0, dispatch.min);
        assertEquals(r.sites().size() - 1, dispatch.max);
        assertEquals(3, dispatch.labels.size());
        assertEquals(3, new HashSet<>(dispatch.labels).size(), "each site restores through its own block");
    }

    @Test
    void siteInsideSynchronizedRefusesInPlaceAndHasNoCaptureBlock() {
        Rewritten r = rewrite("mixed");
        assertEquals(List.of(false, false, true), r.sites().stream().map(SuspendSite::holdsMonitor).toList());
        List<AbstractInsnNode> code = real(r.method());
        MethodInsnNode pinned = (MethodInsnNode) code.stream()
                .filter(i -> i instanceof MethodInsnNode c && c.name.equals(Names.PINNED_BY_MONITOR)).findFirst().orElseThrow();
        assertEquals(Opcodes.ATHROW, code.get(code.indexOf(pinned) + 1).getOpcode());
        assertEquals(1, count(r.method(), Names.PINNED_BY_MONITOR));
        assertEquals(2, count(r.method(), Names.CAPTURE_FRAME), "the monitor site never captures");
    }

    @Test
    void siteInsideSynchronizedIsPinnedAndItsOwnHandlerEndsThePinOnAnException() {
        Rewritten r = rewrite("mixed");
        MethodNode m = r.method();
        List<AbstractInsnNode> code = real(m);
        MethodInsnNode pin = (MethodInsnNode) code.stream()
                .filter(i -> i instanceof MethodInsnNode c && c.name.equals(Names.PIN_MONITOR)).findFirst().orElseThrow();
        MethodInsnNode call = (MethodInsnNode) code.get(code.indexOf(pin) + 1);
        assertEquals("si", call.name, "the pin is set right before the call");
        assertEquals(1, count(m, Names.PIN_MONITOR));
        assertEquals(2, count(m, Names.UNPIN), "one unpin on the normal path, one in the handler");
        TryCatchBlockNode innermost = m.tryCatchBlocks.get(0);
        assertNull(innermost.type, "catches everything");
        assertEquals(m.instructions.indexOf(call) - 1, m.instructions.indexOf(innermost.start));
        assertEquals(m.instructions.indexOf(call) + 1, m.instructions.indexOf(innermost.end));
        List<AbstractInsnNode> handler = new ArrayList<>();
        for (AbstractInsnNode i = innermost.handler; handler.size() < 3; i = i.getNext()) {
            if (i.getOpcode() >= 0) {
                handler.add(i);
            }
        }
        assertEquals(List.of(Opcodes.ALOAD, Opcodes.INVOKEVIRTUAL, Opcodes.ATHROW), handler.stream().map(AbstractInsnNode::getOpcode).toList());
        assertEquals(Names.UNPIN, ((MethodInsnNode) handler.get(1)).name);
    }

    @Test
    void pinIsBalancedWhenTheMethodRunsOutsideAContinuation() throws Exception {
        Rewritten r = rewrite("mixed");
        Map<String, byte[]> classes = new HashMap<>(CLASSES);
        classes.put("fixture/Rw", Bytecode.write(r.owner()));
        Class<?> rw = Bytecode.jvmVerify(classes, "fixture/Rw");
        rw.getMethod("mixed", long.class, double.class, String.class, int[].class)
                .invoke(rw.getConstructor().newInstance(), 1L, 1.0, "a", new int[0]);
        Class<?> stack = Class.forName("dev.jcoro.internal.FrameStack", true, rw.getClassLoader());
        Object current = stack.getMethod("current").invoke(null);
        assertEquals(0, stack.getField("pins").get(current));
    }

    private static int intValue(AbstractInsnNode insn) {
        if (insn instanceof LdcInsnNode ldc) {
            return (Integer) ldc.cst;
        }
        if (insn instanceof org.objectweb.asm.tree.IntInsnNode i) {
            return i.operand;
        }
        return insn.getOpcode() - Opcodes.ICONST_0;
    }

    @Test
    void captureSavesAndRestorePopsExactlyTheAnalysedValues() {
        Rewritten r = rewrite("mixed");
        long pops = 0;
        long pushes = 0;
        for (SuspendSite site : r.sites()) {
            long values = site.stack().stream().filter(t -> t != null).count()
                    + site.locals().stream().filter(l -> l.type() != null).count() + (site.receiver() == null ? 0 : 1);
            pops += values;
            pushes += site.holdsMonitor() ? 0 : values;
        }
        assertTrue(pushes > 0);
        assertEquals(pushes, count(r.method(), "put"));
        assertEquals(pops, count(r.method(), "pop") - count(r.method(), Names.POP_FRAME));
        assertEquals(2, count(r.method(), Names.CAPTURE_FRAME), "one reservation per capturing site");
    }

    @Test
    void framesAreWordsOfMethodIdSiteAndKeys() {
        Rewritten r = rewrite("mixed");
        List<AbstractInsnNode> code = real(r.method());
        List<List<Object>> frames = new ArrayList<>();
        for (int i = 0; i < code.size(); i++) {
            if (code.get(i) instanceof MethodInsnNode c && c.name.equals(Names.CAPTURE_FRAME)) {
                FieldInsnNode id = assertInstanceOf(FieldInsnNode.class, code.get(i - 4), "the id is the class's first id (index 0)");
                assertEquals(Names.METHOD_IDS_FIELD, id.name);
                frames.add(List.of(intValue(code.get(i - 6)), intValue(code.get(i - 5)), intValue(code.get(i - 3)),
                        intValue(code.get(i - 2)), code.get(i - 1).getOpcode()));
            }
        }
        int ownKey = MethodIds.calleeKey("mixed", "(JDLjava/lang/String;[I)D");
        // Each frame reserves one primitive slot per primitive value plus one for the frame word, and its references
        // (the receiver of an instance call among them), as counted from the analysis below.
        // si is static (no receiver: null is passed); step is called on this, which the frame check may name.
        assertEquals(2, frames.size());
        assertEquals(List.of(ownKey << 16, MethodIds.calleeKey("si", "()I"), Opcodes.ACONST_NULL), frames.get(0).subList(2, 5));
        assertEquals(List.of(ownKey << 16 | 1, MethodIds.calleeKey("step", "(Ljava/lang/String;J)J"), Opcodes.ALOAD),
                frames.get(1).subList(2, 5));
        for (int k = 0; k < 2; k++) {
            SuspendSite site = r.sites().get(k);
            int prims = 1;
            int refs = site.receiver() == null ? 0 : 1;
            List<org.objectweb.asm.Type> saved = new ArrayList<>(site.stack());
            site.locals().forEach(l -> saved.add(l.type()));
            for (org.objectweb.asm.Type t : saved) {
                boolean reference = t != null && t.getSort() >= org.objectweb.asm.Type.ARRAY;
                prims += t == null || reference ? 0 : 1;
                refs += reference ? 1 : 0;
            }
            assertEquals(List.of(prims, refs), frames.get(k).subList(0, 2), "the frame reserves its values and its word");
        }
    }

    @Test
    void instanceCallKeepsItsReceiverInALocalBeforeTheCall() {
        Rewritten r = rewrite("mixed");
        List<AbstractInsnNode> code = real(r.method());
        MethodInsnNode step = (MethodInsnNode) code.stream()
                .filter(i -> i instanceof MethodInsnNode c && c.name.equals("step")).findFirst().orElseThrow();
        int at = code.indexOf(step);
        // ... lstore w; astore s; dup; astore receiver; aload s; lload w; invokevirtual step
        assertEquals(List.of(Opcodes.LSTORE, Opcodes.ASTORE, Opcodes.DUP, Opcodes.ASTORE, Opcodes.ALOAD, Opcodes.LLOAD),
                code.subList(at - 6, at).stream().map(AbstractInsnNode::getOpcode).toList());
    }

    @Test
    void captureAndRestoreCodeLiesOutsideEveryTryBlock() {
        Rewritten r = rewrite("guarded");
        MethodNode m = r.method();
        int dispatch = m.instructions.indexOf(real(m).stream().filter(TableSwitchInsnNode.class::isInstance).findFirst().orElseThrow());
        int firstPush = m.instructions.indexOf(real(m).stream()
                .filter(i -> i instanceof MethodInsnNode c && c.name.equals(Names.CAPTURE_FRAME)).findFirst().orElseThrow());
        assertTrue(m.tryCatchBlocks.size() >= 2);
        for (TryCatchBlockNode block : m.tryCatchBlocks) {
            int end = m.instructions.indexOf(block.end);
            assertTrue(end < dispatch && end < firstPush, "try block ends at " + end + ", dispatch at " + dispatch);
        }
    }
}
