package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    @Test
    void yieldsValuesInOrder() {
        Generator<Integer> squares = new Generator<>(out -> {
            for (int i = 0; i < 5; i++) {
                out.emit(i * i);
            }
        });
        List<Integer> values = new ArrayList<>();
        squares.forEachRemaining(values::add);
        assertEquals(List.of(0, 1, 4, 9, 16), values);
        assertFalse(squares.hasNext());
        assertThrows(NoSuchElementException.class, squares::next);
    }

    @Test
    void infiniteGeneratorIsLazy() {
        int[] produced = {0};
        Generator<Long> fib = new Generator<>(out -> {
            long a = 0;
            long b = 1;
            while (true) {
                produced[0]++;
                out.emit(a);
                long next = a + b;
                a = b;
                b = next;
            }
        });
        List<Long> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(fib.next());
        }
        assertEquals(List.of(0L, 1L, 1L, 2L, 3L, 5L, 8L, 13L, 21L, 34L), first);
        assertEquals(10, produced[0]);
    }

    @Test
    void emitFromNestedCallsAndNullValues() {
        Generator<String> g = new Generator<>(out -> walk(out, 3));
        List<String> values = new ArrayList<>();
        g.forEachRemaining(values::add);
        assertEquals(java.util.Arrays.asList("3", "2", "1", null, "1", "2", "3"), values);
    }

    @Suspendable
    private static void walk(Emitter<String> out, int n) {
        if (n == 0) {
            out.emit(null);
            return;
        }
        out.emit(String.valueOf(n));
        walk(out, n - 1);
        out.emit(String.valueOf(n));
    }

    @Test
    void bodyExceptionComesOutOfNext() {
        IllegalStateException boom = new IllegalStateException("boom");
        Generator<Integer> g = new Generator<>(out -> {
            out.emit(1);
            throw boom;
        });
        assertEquals(1, g.next());
        assertSame(boom, assertThrows(IllegalStateException.class, g::hasNext));
        assertFalse(g.hasNext());
    }

    @Test
    void emptyGeneratorHasNoValues() {
        Generator<Object> g = new Generator<>(out -> { });
        assertFalse(g.hasNext());
        assertThrows(NoSuchElementException.class, g::next);
    }
}
