package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.Continuation;
import dev.jcoro.Steps;
import dev.jcoro.Suspendable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Objects under construction on the operand stack while a constructor argument suspends. */
class UninitializedObjectsTest {
    record Pair(Object first, Object second) {
    }

    static final class Box {
        final long value;
        final String label;

        Box(long value, String label) {
            this.value = value;
            this.label = label;
        }

        @Override
        public String toString() {
            return label + "=" + value;
        }
    }

    private int counter;

    @Suspendable
    private int next() {
        Continuation.suspend();
        return ++counter;
    }

    @Test
    void constructorArgumentsThatSuspend() {
        List<Object> out = new ArrayList<>();
        int suspensions = Steps.runToEnd(() -> out.add(new Pair(next(), next())));
        assertEquals(2, suspensions);
        assertEquals(List.of(new Pair(1, 2)), out);
    }

    @Test
    void nestedConstructionWithPrimitivesAndTernary() {
        List<Object> out = new ArrayList<>();
        int suspensions = Steps.runToEnd(() -> {
            boolean flag = counter == 0;
            Pair p = new Pair(new Box(next() * 10L, flag ? "a" + next() : "b"), new Pair(next(), new Box(3, "c")));
            out.add(p.toString());
        });
        assertEquals(3, suspensions);
        assertEquals(List.of("Pair[first=a2=10, second=Pair[first=3, second=c=3]]"), out);
    }

    @Test
    void constructionInsideArgumentsOfAnotherCall() {
        List<String> out = new ArrayList<>();
        Steps.runToEnd(() -> out.add(String.valueOf(new StringBuilder("x").append(next()).append(new Pair(next(), "y")))));
        assertEquals(List.of("x1Pair[first=2, second=y]"), out);
    }
}
