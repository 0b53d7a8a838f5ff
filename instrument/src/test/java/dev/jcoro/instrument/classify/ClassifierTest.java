package dev.jcoro.instrument.classify;

import static dev.jcoro.instrument.Bytecode.calls;
import static dev.jcoro.instrument.Bytecode.hierarchy;
import static dev.jcoro.instrument.Bytecode.method;
import static dev.jcoro.instrument.Bytecode.methodStartingWith;
import static dev.jcoro.instrument.Bytecode.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

class ClassifierTest {

    private static Classification classify(Map<String, byte[]> classes, String name) {
        return new Classifier(hierarchy(classes), false).classify(node(classes.get(name)));
    }

    private static Set<String> names(Set<MethodNode> methods) {
        return methods.stream().map(m -> m.name + m.desc).collect(Collectors.toSet());
    }

    @Test
    void annotatedMethodIsSuspendableAndPlainMethodIsNot() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                import dev.jcoro.*;
                class Annotated {
                    @Suspendable void pause() { Continuation.suspend(); }
                    int plain(int x) { return x + 1; }
                }
                """);
        Classification c = classify(classes, "fixture/Annotated");
        assertEquals(Set.of("pause()V"), names(c.suspendable()));
        assertEquals(Set.of(), names(c.boundary()));
        assertEquals(List.of(), c.refusals());
        assertFalse(c.isEmpty());
    }

    @Test
    void methodCarryingAnAnnotationThatIsItselfSuspendableIsSuspendable() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                import dev.jcoro.*;
                import java.lang.annotation.*;
                @Suspendable @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
                @interface AsCoroutine {}
                """, """
                package fixture;
                import java.lang.annotation.*;
                @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
                @interface Unrelated {}
                """, """
                package fixture;
                import dev.jcoro.*;
                class MetaAnnotated {
                    @AsCoroutine void viaMeta() { Continuation.suspend(); }
                    @Unrelated void viaOther() { Continuation.suspend(); }
                    void caller() { viaMeta(); }
                }
                """);
        Classification c = classify(classes, "fixture/MetaAnnotated");
        assertEquals(Set.of("viaMeta()V"), names(c.suspendable()));
        // A plain method calling the meta-annotated one is a boundary: the call may suspend.
        assertEquals(Set.of("viaOther()V", "caller()V"), names(c.boundary()));
    }

    @Test
    void classWithoutSuspendableCodeIsEmpty() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                class Plain { int twice(int x) { return 2 * x; } }
                """);
        assertTrue(classify(classes, "fixture/Plain").isEmpty());
    }

    @Test
    void overrideOfAnnotatedInterfaceMethodIsSuspendable() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                import dev.jcoro.*;
                interface Step { @Suspendable void step(); }
                """, """
                package fixture;
                import dev.jcoro.*;
                class StepImpl implements Step { public void step() { Continuation.suspend(); } }
                """);
        Classification c = classify(classes, "fixture/StepImpl");
        assertEquals(Set.of("step()V"), names(c.suspendable()));
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void overrideOfAnnotatedSuperclassMethodTwoLevelsUpIsSuspendable() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                import dev.jcoro.*;
                class Base { @Suspendable void run() { Continuation.suspend(); } }
                """, """
                package fixture;
                class Middle extends Base { }
                """, """
                package fixture;
                class Leaf extends Middle { @Override void run() { System.out.println("leaf"); } }
                """);
        Classification c = classify(classes, "fixture/Leaf");
        assertEquals(Set.of("run()V"), names(c.suspendable()));
    }

    @Test
    void genericOverrideAndItsBridgeAreBothSuspendable() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                import dev.jcoro.*;
                interface Source<T> { @Suspendable T next(); }
                """, """
                package fixture;
                import dev.jcoro.*;
                class Words implements Source<String> {
                    public String next() { Continuation.suspend(); return "w"; }
                    String use() { return next(); }
                }
                """);
        ClassNode words = node(classes.get("fixture/Words"));
        Classifier classifier = new Classifier(hierarchy(classes), false);
        Classification c = classifier.classify(words);
        // next()String overrides nothing by descriptor: only the bridge next()Object links it to Source.next.
        assertEquals(Set.of("next()Ljava/lang/String;", "next()Ljava/lang/Object;"), names(c.suspendable()));
        assertEquals(Set.of("use()Ljava/lang/String;"), names(c.boundary()));
        assertTrue(classifier.isSuspendableCall(calls(method(words, "use"), "next").get(0)));
    }

    @Test
    void lambdaBodyOfSuspendableFunctionalInterfaceIsSuspendableAndItsCreatorIsNot() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                import dev.jcoro.*;
                class LambdaHost {
                    interface Body { @Suspendable void run(); }
                    Body make(int n) { return () -> { for (int i = 0; i < n; i++) Continuation.suspend(); }; }
                }
                """);
        ClassNode host = node(classes.get("fixture/LambdaHost"));
        Classification c = new Classifier(hierarchy(classes), false).classify(host);
        MethodNode body = methodStartingWith(host, "lambda$make$");
        assertEquals(Set.of(body.name + body.desc), names(c.suspendable()));
        assertEquals(Set.of(), names(c.boundary()));
    }

    @Test
    void methodReferenceTargetOfSuspendableFunctionalInterfaceIsSuspendableWithoutAnnotation() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                import dev.jcoro.*;
                class RefHost {
                    interface Body { @Suspendable void run(); }
                    void work() { Continuation.suspend(); }
                    void other() { Continuation.suspend(); }
                    Body make() { return this::work; }
                }
                """);
        Classification c = classify(classes, "fixture/RefHost");
        assertEquals(Set.of("work()V"), names(c.suspendable()));
        // other() is referenced by nothing suspendable: it calls suspend from a plain method, a boundary.
        assertEquals(Set.of("other()V"), names(c.boundary()));
    }

    @Test
    void plainLambdaCallingSuspendableMethodIsABoundary() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                import dev.jcoro.*;
                import java.util.List;
                class ForEachHost {
                    @Suspendable static void fetch(String s) { Continuation.suspend(); }
                    static void all(List<String> xs) { xs.forEach(x -> fetch(x)); }
                }
                """);
        ClassNode host = node(classes.get("fixture/ForEachHost"));
        Classification c = new Classifier(hierarchy(classes), false).classify(host);
        MethodNode lambda = methodStartingWith(host, "lambda$all$");
        assertEquals(Set.of("fetch(Ljava/lang/String;)V"), names(c.suspendable()));
        assertEquals(Set.of(lambda.name + lambda.desc), names(c.boundary()));
    }

    @Test
    void annotatedConstructorIsRefusedWithAMessageNamingClassAndMethod() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                class Built { Built() { dev.jcoro.Continuation.suspend(); } }
                """);
        // javac refuses the annotation on a constructor (@Target(METHOD)), other tools may not: add it in bytecode.
        ClassNode built = node(classes.get("fixture/Built"));
        MethodNode init = method(built, "<init>");
        init.visibleAnnotations = new ArrayList<>(List.of(new AnnotationNode(Names.SUSPENDABLE_DESC)));
        Classification c = new Classifier(hierarchy(classes), false).classify(built);
        assertEquals(1, c.refusals().size(), c.refusals().toString());
        String message = c.refusals().get(0);
        assertTrue(message.startsWith("fixture.Built.<init>()V (Built.java:2): "), message);
        assertTrue(message.contains("not allowed on a constructor"), message);
        assertTrue(message.contains("move the suspending code into a method"), message);
        assertEquals(Set.of(), names(c.suspendable()));
        // The constructor still calls suspend: it gets the boundary check instead of a rewrite.
        assertEquals(Set.of("<init>()V"), names(c.boundary()));
    }

    @Test
    void annotatedStaticInitialiserIsRefused() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                class Init { static int x; static { x = 1; } }
                """);
        ClassNode init = node(classes.get("fixture/Init"));
        method(init, "<clinit>").invisibleAnnotations = new ArrayList<>(List.of(new AnnotationNode(Names.SUSPENDABLE_DESC)));
        Classification c = new Classifier(hierarchy(classes), false).classify(init);
        assertEquals(1, c.refusals().size(), c.refusals().toString());
        assertTrue(c.refusals().get(0).startsWith("fixture.Init.<clinit>()V (Init.java:2): "), c.refusals().get(0));
        assertTrue(c.isEmpty());
    }

    @Test
    void suspendPrimitiveIsNeverRewrittenButCallsToItAreSuspendable() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                class Caller { @dev.jcoro.Suspendable void go() { dev.jcoro.Continuation.suspend(); } }
                """);
        Classifier classifier = new Classifier(hierarchy(classes), false);
        Classification continuation = classifier.classify(node(classes.get(Names.CONTINUATION)));
        assertTrue(continuation.isEmpty(), names(continuation.suspendable()).toString());
        ClassNode caller = node(classes.get("fixture/Caller"));
        assertTrue(classifier.isSuspendableCall(calls(method(caller, "go"), "suspend").get(0)));
    }

    @Test
    void callsToJdkMethodsAndConstructorsAreNotSuspendable() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                class Jdk { @dev.jcoro.Suspendable Object go() { System.out.println(); return new StringBuilder(); } }
                """);
        Classifier classifier = new Classifier(hierarchy(classes), false);
        MethodNode go = method(node(classes.get("fixture/Jdk")), "go");
        assertFalse(classifier.isSuspendableCall(calls(go, "println").get(0)));
        assertFalse(classifier.isSuspendableCall(calls(go, "<init>").get(0)));
    }

    @Test
    void annotatedOverrideOfPlainSuperclassMethodWarnsNamingBoth() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                class PlainBase { void act() { } }
                """, """
                package fixture;
                import dev.jcoro.*;
                class LoudSub extends PlainBase { @Suspendable @Override void act() { Continuation.suspend(); } }
                """);
        Classification c = classify(classes, "fixture/LoudSub");
        assertEquals(Set.of("act()V"), names(c.suspendable()));
        assertEquals(1, c.warnings().size(), c.warnings().toString());
        String warning = c.warnings().get(0);
        assertTrue(warning.startsWith("fixture.LoudSub.act()V (LoudSub.java:3) is @Suspendable but overrides fixture.PlainBase.act"),
                warning);
        assertTrue(warning.endsWith("annotate it too"), warning);
    }

    @Test
    void abstractAndNativeMethodsAreNeverRewritten() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                import dev.jcoro.*;
                abstract class Shapes {
                    @Suspendable abstract void draw();
                    @Suspendable native void paint();
                }
                """);
        assertTrue(classify(classes, "fixture/Shapes").isEmpty());
    }

    @Test
    void everythingModeRewritesEveryMethodWithCodeExceptInitialisers() {
        Map<String, byte[]> classes = InMemoryJavac.compile("""
                package fixture;
                class Stress {
                    static int n;
                    static { n = 3; }
                    int a() { return n; }
                    static void b() { System.out.println(); }
                }
                """);
        Classification c = new Classifier(hierarchy(classes), true).classify(node(classes.get("fixture/Stress")));
        assertEquals(Set.of("a()I", "b()V"), names(c.suspendable()));
        // Their calls to Object.<init> and to nothing are not suspendable; <clinit> calls nothing.
        assertEquals(Set.of(), names(c.boundary()));
    }
}
