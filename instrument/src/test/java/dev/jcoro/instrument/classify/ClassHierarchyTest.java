package dev.jcoro.instrument.classify;

import static dev.jcoro.instrument.Bytecode.hierarchy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.InMemoryJavac;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassHierarchyTest {
    private static final Map<String, byte[]> SHAPES = InMemoryJavac.compile("""
            package fixture;
            import dev.jcoro.*;
            interface Drawable { @Suspendable void draw(); }
            """, """
            package fixture;
            abstract class Shape implements Drawable { @dev.jcoro.Suspendable void move() { } void plain() { } }
            """, """
            package fixture;
            class Circle extends Shape { public void draw() { } void move() { } void plain() { } }
            """, """
            package fixture;
            class Square extends Shape { public void draw() { } }
            """, """
            package fixture;
            class Unrelated { }
            """);

    @Test
    void commonSuperClassIsFoundFromBytes() {
        ClassHierarchy h = hierarchy(SHAPES);
        assertEquals("fixture/Shape", h.commonSuperClass("fixture/Circle", "fixture/Square"));
        assertEquals("fixture/Shape", h.commonSuperClass("fixture/Square", "fixture/Shape"));
        assertEquals("fixture/Circle", h.commonSuperClass("fixture/Circle", "fixture/Circle"));
        assertEquals("java/lang/Object", h.commonSuperClass("fixture/Circle", "fixture/Unrelated"));
        assertEquals("java/lang/Number", h.commonSuperClass("java/lang/Integer", "java/lang/Long"));
    }

    @Test
    void interfacesAndMissingClassesMergeToObject() {
        ClassHierarchy h = hierarchy(SHAPES);
        assertEquals("java/lang/Object", h.commonSuperClass("fixture/Drawable", "fixture/Circle"));
        assertEquals("java/lang/Object", h.commonSuperClass("fixture/Circle", "fixture/Drawable"));
        assertEquals("java/lang/Object", h.commonSuperClass("fixture/Circle", "fixture/Missing"));
        assertEquals("java/lang/Object", h.commonSuperClass("fixture/Missing", "fixture/AlsoMissing"));
        assertEquals("java/lang/Object", h.superName("fixture/Missing"));
        assertNull(h.superName("java/lang/Object"));
        assertFalse(h.isKnown("fixture/Missing"));
    }

    @Test
    void malformedBytesAreTreatedAsAMissingClass() {
        ClassHierarchy h = new ClassHierarchy(name -> new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1});
        assertNull(h.info("fixture/Broken"));
        assertEquals("java/lang/Object", h.commonSuperClass("fixture/Broken", "fixture/Other"));
        assertFalse(h.isSuspendable("fixture/Broken", "run", "()V"));
    }

    @Test
    void suspendableIsInheritedThroughInterfacesOfSuperclasses() {
        ClassHierarchy h = hierarchy(SHAPES);
        assertTrue(h.isSuspendable("fixture/Circle", "draw", "()V"));
        assertTrue(h.isSuspendable("fixture/Square", "draw", "()V"), "inherited declaration, not overridden in Square");
        assertTrue(h.isSuspendable("fixture/Circle", "move", "()V"));
        assertFalse(h.isSuspendable("fixture/Circle", "plain", "()V"));
        assertFalse(h.isSuspendable("fixture/Circle", "draw", "(I)V"), "another descriptor is another method");
    }

    @Test
    void platformArraysAndInitialisersAreNeverSuspendable() {
        ClassHierarchy h = new ClassHierarchy(name -> {
            throw new AssertionError("no bytes needed to answer for " + name);
        });
        assertFalse(h.isSuspendable("java/util/List", "forEach", "(Ljava/util/function/Consumer;)V"));
        assertFalse(h.isSuspendable("[Lfixture/Circle;", "clone", "()Ljava/lang/Object;"));
        assertFalse(h.isSuspendable("fixture/Circle", "<init>", "()V"));
    }

    @Test
    void answersAreCachedSoEachClassIsReadOnce() {
        Map<String, Integer> reads = new HashMap<>();
        ClassHierarchy h = new ClassHierarchy(name -> {
            reads.merge(name, 1, Integer::sum);
            return SHAPES.get(name);
        });
        for (int i = 0; i < 3; i++) {
            h.isSuspendable("fixture/Circle", "draw", "()V");
            h.isSuspendable("fixture/Square", "draw", "()V");
            h.commonSuperClass("fixture/Circle", "fixture/Square");
            h.commonSuperClass("fixture/Missing", "fixture/Circle");
        }
        assertEquals(Map.of("fixture/Circle", 1, "fixture/Square", 1, "fixture/Shape", 1, "fixture/Drawable", 1,
                "fixture/Missing", 1), reads);
    }

    @Test
    void markSuspendableMakesAnUnannotatedMethodAndItsInheritorsSuspendable() {
        ClassHierarchy h = hierarchy(SHAPES);
        assertFalse(h.isSuspendable("fixture/Circle", "plain", "()V"));
        h.markSuspendable("fixture/Shape", "plain", "()V");
        assertTrue(h.isSuspendable("fixture/Shape", "plain", "()V"));
        assertTrue(h.isSuspendable("fixture/Square", "plain", "()V"));
    }

    @Test
    void typesAreJudgedBearingThroughTheirSupertypesAndRecorded() {
        ClassHierarchy h = hierarchy(SHAPES);
        assertTrue(h.judgeBearing("fixture/Drawable"), "declares a @Suspendable method");
        assertTrue(h.judgeBearing("fixture/Square"), "inherits one through Shape and Drawable");
        assertFalse(h.judgeBearing("fixture/Unrelated"));
        assertFalse(h.judgeBearing("fixture/Missing"), "a missing class counts as plain");
        assertFalse(h.judgeBearing("java/util/ArrayList"));
        assertEquals(Boolean.TRUE, h.suspendableTypes().bearing("fixture/Shape"), "the chain is recorded on the way");
        assertEquals(Boolean.FALSE, h.suspendableTypes().bearing("fixture/Unrelated"));
    }

    @Test
    void judgingAfreshSeesWhatWasRegisteredSinceAndForcedMarks() {
        Map<String, byte[]> before = InMemoryJavac.compile("package fixture; class Versioned { void go() { } }");
        Map<String, byte[]> after = InMemoryJavac.compile("package fixture; class Versioned { @dev.jcoro.Suspendable void go() { } }");
        ClassHierarchy h = hierarchy(before);
        assertFalse(h.judgeBearing("fixture/Versioned"));
        h.register(ClassInfo.parse(after.get("fixture/Versioned")));
        assertFalse(h.judgeBearing("fixture/Versioned"), "a judgement stands until the class is judged afresh");
        assertTrue(h.judgeBearingAfresh("fixture/Versioned"));
        ClassHierarchy marked = hierarchy(before);
        marked.markSuspendable("fixture/Versioned", "go", "()V");
        assertTrue(marked.judgeBearingAfresh("fixture/Versioned"), "the target of a suspendable method reference");
    }

    @Test
    void circularHierarchyEndsTheJudgement() {
        org.objectweb.asm.ClassWriter a = new org.objectweb.asm.ClassWriter(0);
        a.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC, "gen/A", null, "gen/B", null);
        a.visitEnd();
        org.objectweb.asm.ClassWriter b = new org.objectweb.asm.ClassWriter(0);
        b.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC, "gen/B", null, "gen/A", null);
        b.visitEnd();
        ClassHierarchy h = hierarchy(Map.of("gen/A", a.toByteArray(), "gen/B", b.toByteArray()));
        assertFalse(h.judgeBearing("gen/A"));
    }

    @Test
    void registeringAClassReplacesWhatWasReadAndForgetsItsCachedAnswers() {
        Map<String, byte[]> before = InMemoryJavac.compile("package fixture; class Versioned { void go() { } }");
        Map<String, byte[]> after = InMemoryJavac.compile("package fixture; class Versioned { @dev.jcoro.Suspendable void go() { } }");
        ClassHierarchy h = hierarchy(before);
        assertFalse(h.isSuspendable("fixture/Versioned", "go", "()V"));
        h.register(ClassInfo.parse(after.get("fixture/Versioned")));
        assertTrue(h.isSuspendable("fixture/Versioned", "go", "()V"));
    }

    @Test
    void assignabilityFollowsTheVerifierAndAssumesUnknownTypesFit() {
        ClassHierarchy h = hierarchy(SHAPES);
        assertTrue(h.isAssignable("fixture/Shape", "fixture/Circle"));
        assertFalse(h.isAssignable("fixture/Circle", "fixture/Shape"));
        assertFalse(h.isAssignable("fixture/Circle", "fixture/Square"));
        assertTrue(h.isAssignable("fixture/Drawable", "fixture/Unrelated"), "any class is assignable to an interface");
        assertTrue(h.isAssignable("fixture/Circle", "fixture/Missing"));
        assertTrue(h.isInterface("fixture/Drawable"));
        assertFalse(h.isInterface("fixture/Shape"));
    }

    @Test
    void bytesAreReadThroughTheLoaderAsResourcesAndNoClassIsEverLoaded() {
        RecordingLoader loader = new RecordingLoader(SHAPES);
        ClassHierarchy h = new ClassHierarchy(ClassBytesSource.of(loader));
        assertTrue(h.isSuspendable("fixture/Circle", "draw", "()V"));
        assertEquals("fixture/Shape", h.commonSuperClass("fixture/Circle", "fixture/Square"));
        assertEquals("java/lang/Number", h.commonSuperClass("java/lang/Integer", "java/lang/Long"));
        assertEquals("java/lang/Object", h.commonSuperClass("fixture/Circle", "fixture/Missing"));
        assertTrue(loader.resources.contains("fixture/Circle.class"), loader.resources.toString());
        assertEquals(List.of(), loader.loads);
    }

    /** Serves class files as resources and records any attempt to load a class through it. */
    private static final class RecordingLoader extends ClassLoader {
        final Map<String, byte[]> classes;
        final List<String> resources = new ArrayList<>();
        final List<String> loads = new ArrayList<>();

        RecordingLoader(Map<String, byte[]> classes) {
            super(null);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            loads.add(name);
            return super.loadClass(name, resolve);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            resources.add(name);
            byte[] bytes = name.endsWith(".class") ? classes.get(name.substring(0, name.length() - 6)) : null;
            return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
        }
    }
}
