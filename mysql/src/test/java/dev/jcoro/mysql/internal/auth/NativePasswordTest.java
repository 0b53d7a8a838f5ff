package dev.jcoro.mysql.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NativePasswordTest {
    private static final byte[] SCRAMBLE = new byte[20];

    static {
        for (int i = 0; i < 20; i++) {
            SCRAMBLE[i] = (byte) (i + 1);
        }
    }

    @Test
    void scrambleMatchesAnIndependentComputation() {
        // Python: s1 = sha1(pw); x = sha1(scramble + sha1(s1)); s1 XOR x
        assertEquals("3a98fdb076fb4214a0bee4c28b86e369379a9865",
                Hex.hex(NativePassword.scramble("jcoro".getBytes(StandardCharsets.UTF_8), SCRAMBLE)));
    }

    @Test
    void aTrailingNulAfterTheScrambleIsIgnored() {
        byte[] withNul = java.util.Arrays.copyOf(SCRAMBLE, 21);
        assertArrayEquals(NativePassword.scramble("pw".getBytes(), SCRAMBLE), NativePassword.scramble("pw".getBytes(), withNul));
    }

    @Test
    void anEmptyPasswordSendsAnEmptyResponse() {
        assertEquals(0, NativePassword.scramble(new byte[0], SCRAMBLE).length);
    }
}
