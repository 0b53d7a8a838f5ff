package dev.jcoro.instrument.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.Names;
import org.junit.jupiter.api.Test;

class MethodIdsTest {

    @Test
    void calleeKeyIsSixteenBitsNeverZeroAndNeverTheLambdaKey() {
        for (int i = 0; i < 100_000; i++) {
            int key = MethodIds.calleeKey("m" + i, "(I)V");
            assertTrue(key > 0 && key < Names.LAMBDA_KEY, "m" + i + " -> " + key);
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
