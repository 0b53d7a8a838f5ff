package dev.jcoro.instrument.analyse;

import static dev.jcoro.instrument.Bytecode.hierarchy;
import static dev.jcoro.instrument.Bytecode.lineOf;
import static dev.jcoro.instrument.Bytecode.method;
import static dev.jcoro.instrument.Bytecode.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.InstrumentationException;
import dev.jcoro.instrument.OddShapes;
import dev.jcoro.instrument.classify.ClassHierarchy;
import dev.jcoro.instrument.classify.Classifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

class MethodAnalysisTest {
    private static final String SOURCE = """
            package fixture;
            import dev.jcoro.*;
            class Sites {
                @Suspendable static void s() { Continuation.suspend(); }
                @Suspendable static int si() { Continuation.suspend(); return 1; }
                static int three(int a, String b, int c) { return a + b.length() + c; }
                static Object two(Object a, int b) { return a; }
                @Suspendable int next() { return si(); }

                @Suspendable static int deadLocal(int a) {
                    int dead = a * 2;
                    System.out.println(dead);
                    int live = a + 1;
                    s(); // site:dead
                    return live;
                }
                @Suspendable static int stackUnder(int x) {
                    return three(x, "k", si()); // site:stack
                }
                @Suspendable static Object nulls() {
                    Object none = null;
                    Object r = two(null, si()); // site:null-stack
                    s(); // site:null-local
                    return none == null ? r : none;
                }
                @Suspendable static double wide(long l, int i) {
                    double d = l * 0.5;
                    long sum = l + i;
                    s(); // site:wide
                    return d + sum;
                }
                @Suspendable static void monitors(Object lock) {
                    s(); // site:before-lock
                    synchronized (lock) {
                        s(); // site:in-lock
                        synchronized (Sites.class) {
                            s(); // site:nested-lock
                        }
                    }
                    s(); // site:after-lock
                }
                @Suspendable static void lockInsideTry(Object lock) {
                    try {
                        synchronized (lock) {
                            s(); // site:locked-in-try
                        }
                    } catch (RuntimeException e) {
                        s(); // site:catch-after-lock
                    }
                    s(); // site:after-try
                }
                @Suspendable static synchronized void syncMethod() {
                    s(); // site:sync-method
                }
                @Suspendable static int handlerReads(int x) {
                    try {
                        s(); // site:try
                    } catch (RuntimeException e) {
                        return x;
                    }
                    return 0;
                }
                @Suspendable int instanceCall(Sites other, String[] names) {
                    int n = names.length;
                    return other.next() + n; // site:receiver
                }
                @Suspendable static int loop(int[] values) {
                    int total = 0;
                    for (int v : values) {
                        total += v + si(); // site:loop
                    }
                    return total;
                }
                static void noSites() { System.out.println(); }
            }
            """;
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile(SOURCE);

    private static List<SuspendSite> analyse(String methodName) {
        ClassNode owner = node(CLASSES.get("fixture/Sites"));
        ClassHierarchy h = hierarchy(CLASSES);
        return MethodAnalysis.analyse(owner, method(owner, methodName), h, new Classifier(h, false)::isSuspendableCall);
    }

    private static SuspendSite only(String methodName) {
        List<SuspendSite> sites = analyse(methodName);
        assertEquals(1, sites.size(), sites.toString());
        return sites.get(0);
    }

    private static SuspendSite.Local local(int slot, Type type) {
        return new SuspendSite.Local(slot, type);
    }

    @Test
    void onlyLiveLocalsAreSavedAndADeadLocalIsNot() {
        SuspendSite site = only("deadLocal");
        // Slots: a=0, dead=1, live=2; neither a nor dead is read after the call.
        assertEquals(List.of(local(2, Type.INT_TYPE)), site.locals());
        assertEquals(List.of(), site.stack());
        assertNull(site.receiver());
        assertEquals(lineOf(SOURCE, "site:dead"), site.line());
    }

    @Test
    void valuesUnderTheCallAreListedBottomFirst() {
        SuspendSite site = only("stackUnder");
        assertEquals(List.of(Type.INT_TYPE, Type.getType(String.class)), site.stack());
        assertEquals(List.of(), site.locals(), "x is on the stack, not read again from its slot");
        assertEquals("si", site.call().name);
        assertEquals(lineOf(SOURCE, "site:stack"), site.line());
    }

    @Test
    void valuesKnownToBeNullHaveNoType() {
        List<SuspendSite> sites = analyse("nulls");
        assertEquals(2, sites.size(), sites.toString());
        SuspendSite underCall = sites.get(0);
        assertEquals(Arrays.asList((Type) null), underCall.stack());
        assertEquals(List.of(local(0, null)), underCall.locals());
        SuspendSite afterStore = sites.get(1);
        assertEquals(List.of(local(0, null), local(1, Type.getType(Object.class))), afterStore.locals());
        assertEquals(List.of(0, 1), sites.stream().map(SuspendSite::index).toList());
    }

    @Test
    void longAndDoubleLocalsTakeTwoSlotsAndAreSavedOnce() {
        SuspendSite site = only("wide");
        // l=0..1, i=2, d=3..4, sum=5..6; only d and sum are read after the call.
        assertEquals(List.of(local(3, Type.DOUBLE_TYPE), local(5, Type.LONG_TYPE)), site.locals());
    }

    @Test
    void monitorDepthMarksSitesInsideSynchronizedBlocksOnly() {
        List<SuspendSite> sites = analyse("monitors");
        assertEquals(List.of(false, true, true, false), sites.stream().map(SuspendSite::holdsMonitor).toList());
        assertEquals(List.of(lineOf(SOURCE, "site:before-lock"), lineOf(SOURCE, "site:in-lock"),
                lineOf(SOURCE, "site:nested-lock"), lineOf(SOURCE, "site:after-lock")),
                sites.stream().map(SuspendSite::line).toList());
    }

    @Test
    void catchAroundASynchronizedBlockRunsWithoutTheMonitor() {
        // The block's own catch-all handler releases the monitor before any outer handler can run.
        List<SuspendSite> sites = analyse("lockInsideTry");
        assertEquals(List.of(true, false, false), sites.stream().map(SuspendSite::holdsMonitor).toList());
    }

    @Test
    void everySiteOfASynchronizedMethodHoldsAMonitor() {
        SuspendSite site = only("syncMethod");
        assertTrue(site.holdsMonitor());
        assertEquals(lineOf(SOURCE, "site:sync-method"), site.line());
    }

    @Test
    void localReadOnlyByAHandlerIsLiveAtTheCallInsideTheTry() {
        SuspendSite site = only("handlerReads");
        assertEquals(List.of(local(0, Type.INT_TYPE)), site.locals());
        assertFalse(site.holdsMonitor());
    }

    @Test
    void instanceCallRecordsTheReceiverTypeApartFromTheStack() {
        SuspendSite site = only("instanceCall");
        assertEquals(Type.getObjectType("fixture/Sites"), site.receiver());
        // Slots: this=0, other=1, names=2, n=3; only n is read after the call (other is the receiver).
        assertEquals(List.of(local(3, Type.INT_TYPE)), site.locals());
        assertEquals(List.of(), site.stack());
    }

    @Test
    void accumulatorOnTheStackIsNotAlsoSavedAsALocal() {
        SuspendSite site = only("loop");
        // total += v + si() loads total and v before the call and stores total after it: both travel on the
        // operand stack, and total's slot is dead at the call. javac's for-each keeps the array copy (2),
        // its length (3) and the index (4) live across it.
        assertEquals(List.of(Type.INT_TYPE, Type.INT_TYPE), site.stack());
        assertEquals(List.of(local(2, Type.getType(int[].class)), local(3, Type.INT_TYPE), local(4, Type.INT_TYPE)),
                site.locals());
    }

    @Test
    void methodWithoutSuspendableCallsHasNoSites() {
        assertEquals(List.of(), analyse("noSites"));
    }

    @Test
    void objectUnderConstructionAcrossACallIsRefusedWithClassMethodAndLine() {
        String source = """
                package fixture;
                import dev.jcoro.*;
                class Pairs {
                    record Pair(int a, int b) { }
                    @Suspendable static int next() { Continuation.suspend(); return 1; }
                    @Suspendable static Pair make() {
                        return new Pair(next(), 2); // site:new
                    }
                    @Suspendable static Pair built() {
                        Pair p = new Pair(1, 2);
                        next();
                        return p;
                    }
                }
                """;
        Map<String, byte[]> classes = InMemoryJavac.compile(source);
        ClassNode owner = node(classes.get("fixture/Pairs"));
        ClassHierarchy h = hierarchy(classes);
        // Analysis first normalises: the object is allocated after the call, so nothing uninitialised is saved.
        MethodNode make = method(owner, "make");
        List<SuspendSite> made = MethodAnalysis.analyse(owner, make, h, new Classifier(h, false)::isSuspendableCall);
        assertEquals(1, made.size());
        assertEquals(List.of(), made.get(0).stack(), "no object under construction under the call");
        int call = make.instructions.indexOf(made.get(0).call());
        int allocation = -1;
        for (int i = 0; i < make.instructions.size(); i++) {
            if (make.instructions.get(i).getOpcode() == org.objectweb.asm.Opcodes.NEW) {
                allocation = i;
            }
        }
        assertTrue(allocation > call, "new Pair moved after next(): " + allocation + " vs " + call);
        // Once its constructor has run, the same object is an ordinary value and is saved.
        List<SuspendSite> sites = MethodAnalysis.analyse(owner, method(owner, "built"), h, new Classifier(h, false)::isSuspendableCall);
        assertEquals(List.of(local(0, Type.getObjectType("fixture/Pairs$Pair"))), sites.get(0).locals());
    }

    @Test
    void objectUnderConstructionInAShapeTheHoisterSkipsIsRefusedNotSaved() {
        // new; dup; swap: legal bytecode, but not javac's new; dup; args; invokespecial, so the hoister
        // leaves it alone and the analysis alone stands between it and a rewrite the JVM would reject.
        ClassNode owner = OddShapes.newDupSwap();
        ClassHierarchy h = hierarchy(Map.of());
        InstrumentationException e = assertThrows(InstrumentationException.class,
                () -> MethodAnalysis.analyse(owner, method(owner, "make"), h, call -> call.name.equals("next")));
        assertEquals("make()Ljava/lang/Object;", e.method());
        assertEquals(12, e.line());
        assertTrue(e.getMessage().startsWith("gen.Swap.make()Ljava/lang/Object; (line 12): an object under construction"),
                e.getMessage());
    }
}
