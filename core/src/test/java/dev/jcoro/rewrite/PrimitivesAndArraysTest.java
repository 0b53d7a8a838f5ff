package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.Continuation;
import dev.jcoro.Steps;
import dev.jcoro.Suspendable;
import org.junit.jupiter.api.Test;

/** Every primitive type, as a local and as an operand-stack value, survives a suspension. */
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
        assertEquals(everyPrimitive(), out[0]);
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
        assertEquals(wideOperands(1L << 40, 0.25), out[0]);
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
        char[] out = new char[1];
        Steps.runToEnd(() -> out[0] = charsAndShorts('a', (short) 2, (byte) 3, true));
        assertEquals(charsAndShorts('a', (short) 2, (byte) 3, true), out[0]);
    }
}
