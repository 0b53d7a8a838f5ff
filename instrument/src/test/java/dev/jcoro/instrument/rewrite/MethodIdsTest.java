package dev.jcoro.instrument.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MethodIdsTest {

    @Test
    void methodIdNamesOwnerNameAndDescriptor() {
        assertEquals("a/B.run()V".hashCode(), MethodIds.methodId("a/B", "run", "()V"));
        assertNotEquals(MethodIds.methodId("a/B", "run", "()V"), MethodIds.methodId("a/C", "run", "()V"));
        assertNotEquals(MethodIds.methodId("a/B", "run", "()V"), MethodIds.methodId("a/B", "run", "(I)V"));
    }

    @Test
    void calleeKeyIsSixteenBitsAndNeverZero() {
        for (int i = 0; i < 100_000; i++) {
            int key = MethodIds.calleeKey("m" + i, "(I)V");
            assertTrue(key > 0 && key <= 0xFFFF, "m" + i + " -> " + key);
        }
    }

    @Test
    void calleeKeyThatWouldFoldToZeroBecomesOne() {
        // "" hashes to 0, so name + desc = "" folds to 0, which frames reserve for "any callee".
        assertEquals(1, MethodIds.calleeKey("", ""));
    }

    @Test
    void calleeKeyIgnoresTheOwnerSoOverridesShareIt() {
        int key = MethodIds.calleeKey("step", "(Ljava/lang/String;J)J");
        assertEquals(key, MethodIds.calleeKey("step", "(Ljava/lang/String;J)J"));
        assertNotEquals(key, MethodIds.calleeKey("step", "(Ljava/lang/String;I)J"));
    }
}
