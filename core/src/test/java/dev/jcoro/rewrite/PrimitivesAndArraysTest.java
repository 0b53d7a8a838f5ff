package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.Continuation;
import dev.jcoro.Steps;
import dev.jcoro.Suspendable;
import org.junit.jupiter.api.Test;

/**
 * Every primitive type, as a local and as an operand-stack value, survives a suspension. The expected
 * values are worked out by hand, not by running the rewritten code.
 */
class PrimitivesAndArraysTest {

    @Suspendable
    static int pause(int v) {
        if (Continuation.current() != null) {
            Continuation.suspend();
        }
        return v;
    }

    @Suspendable
    static String everyPrimitive() {
        boolean z = true;
        byte b = -7;
        char c = 'Q';
        short s = -30000;
        int i = Integer.MIN_VALUE + 3;
        long l = Long.MAX_VALUE - 11;
        float f = 3.25f;
        double d = -0.1;
        int[] ints = {1, 2, 3};
        double[][] grid = {{1.5}, {2.5, 3.5}};
        String[] names = {"x", null};
        Object nothing = null;
        pause(0);
        z = !z;
        b++;
        c++;
        s--;
        i--;
        l++;
        f *= 2;
        d /= 2;
        ints[1] = pause(20);
        grid[1][0] += pause(1);
        names[1] = "y";
        return z + " " + b + " " + c + " " + s + " " + i + " " + l + " " + f + " " + d + " "
                + java.util.Arrays.toString(ints) + " " + java.util.Arrays.deepToString(grid) + " "
                + java.util.Arrays.toString(names) + " " + nothing;
    }

    @Test
    void everyPrimitiveLocalSurvives() {
        String[] out = new String[1];
        assertEquals(3, Steps.runToEnd(() -> out[0] = everyPrimitive()));
        assertEquals("false -6 R -30001 -2147483646 9223372036854775797 6.5 -0.05 [1, 20, 3] [[1.5], [3.5, 3.5]] [x, y] null", out[0]);
    }

    @Suspendable
    static long wideOperands(long x, double y) {
        long a = x * 3L + pause(5);
        double b = y * 2.0 + pause(7) + a;
        return a + (long) b + (long) (x - pause(1)) + (long) (1.5 * pause(2));
    }

    @Test
    void longAndDoubleOnTheOperandStackAcrossACall() {
        long[] out = new long[1];
        assertEquals(4, Steps.runToEnd(() -> out[0] = wideOperands(1L << 40, 0.25)));
        // a = 3 * 2^40 + 5; b = 0.5 + 7 + a; a + (long) b + (2^40 - 1) + 3
        assertEquals(7_696_581_394_451L, out[0]);
    }

    @Suspendable
    static float floats(float f) {
        return f * 1.5f + pause(1) + (float) pause(2) / 4;
    }

    @Test
    void floatWithAFractionOnTheOperandStackAcrossACall() {
        float[] out = new float[1];
        assertEquals(2, Steps.runToEnd(() -> out[0] = floats(2.25f)));
        assertEquals(4.875f, out[0]);
    }

    @Suspendable
    long mix(long a, double b, int c) {
        pause(c);
        return a + (long) (b * 4) + c;
    }

    @Test
    void wideArgumentsOfAnInstanceCallAreKeptApartAcrossTheCall() {
        long[] out = new long[1];
        assertEquals(1, Steps.runToEnd(() -> out[0] = mix(1L << 35, 0.5, 3)));
        assertEquals(34_359_738_373L, out[0]);
    }

    @Suspendable
    static int[] arrays(int n) {
        int[] result = new int[n];
        long[] wide = new long[n];
        for (int k = 0; k < n; k++) {
            result[k] = pause(k) * k;
            wide[k] = (long) result[k] << 33;
        }
        result[0] = (int) (wide[n - 1] >>> 33);
        return result;
    }

    @Test
    void arraysFilledAcrossSuspensions() {
        int[][] out = new int[1][];
        assertEquals(5, Steps.runToEnd(() -> out[0] = arrays(5)));
        assertArrayEquals(new int[] {16, 1, 4, 9, 16}, out[0]);
    }

    @Suspendable
    static char charsAndShorts(char c, short s, byte b, boolean flag) {
        char r = (char) (c + pause(1));
        short t = (short) (s + pause(2));
        byte u = (byte) (b + pause(3));
        return flag ? (char) (r + t + u) : r;
    }

    @Test
    void narrowTypesAsArguments() {
        char[] out = new char[2];
        assertEquals(3, Steps.runToEnd(() -> out[0] = charsAndShorts('a', (short) 2, (byte) 3, true)));
        assertEquals(3, Steps.runToEnd(() -> out[1] = charsAndShorts('a', (short) 2, (byte) 3, false)));
        assertEquals('l', out[0], "'b' + 4 + 6");
        assertEquals('b', out[1]);
    }
}
