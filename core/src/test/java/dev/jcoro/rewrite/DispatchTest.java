package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.Continuation;
import dev.jcoro.Steps;
import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every kind of call can suspend: super, static, interface, default, generic (bridges), records, lambdas, method refs. */
class DispatchTest {

    @Suspendable
    static int pause(int v) {
        Continuation.suspend();
        return v;
    }

    static class Base {
        @Suspendable
        int value(int x) {
            return pause(x) + 1;
        }
    }

    static class Derived extends Base {
        @Override
        int value(int x) {
            // Overrides a @Suspendable method, so it is suspendable without its own annotation.
            return super.value(x) * 10 + pause(2);
        }
    }

    interface Shape {
        @Suspendable
        double area();

        @Suspendable
        default String describe() {
            return getClass().getSimpleName() + ":" + area() + ":" + pause(7);
        }
    }

    record Square(double side) implements Shape {
        @Override
        public double area() {
            return side * pause((int) side);
        }
    }

    interface Transformer<T, R> {
        @Suspendable
        R apply(T input);
    }

    static final class Lengths implements Transformer<String, Integer> {
        @Override
        public Integer apply(String input) {
            return input.length() + pause(100);
        }
    }

    private static int staticHelper(int x) {
        return x;
    }

    @Suspendable
    private int privateChain(int depth) {
        return depth == 0 ? pause(1) : privateChain(depth - 1) + depth;
    }

    @Suspendable
    private Integer methodReferenceTarget() {
        return pause(11) * 2;
    }

    @Test
    void superCallStaticAndVirtualDispatch() {
        int[] out = new int[1];
        assertEquals(2, Steps.runToEnd(() -> out[0] = new Derived().value(4)));
        assertEquals(52, out[0]);
    }

    @Test
    void interfaceDefaultMethodAndRecord() {
        String[] out = new String[1];
        assertEquals(2, Steps.runToEnd(() -> out[0] = new Square(3).describe()));
        assertEquals("Square:9.0:7", out[0]);
    }

    @Test
    void genericInterfaceThroughBridgeMethod() {
        List<Object> out = new ArrayList<>();
        Transformer<String, Integer> t = new Lengths();
        assertEquals(1, Steps.runToEnd(() -> out.add(t.apply("abcd"))));
        assertEquals(List.of(104), out);
    }

    @Test
    void privateRecursiveAndStatic() {
        int[] out = new int[1];
        assertEquals(1, Steps.runToEnd(() -> out[0] = staticHelper(privateChain(4))));
        assertEquals(11, out[0]);
    }

    @Test
    void lambdaAndMethodReferenceOfSuspendableInterfaces() throws Exception {
        List<Object> out = new ArrayList<>();
        int captured = 5;
        SuspendableCallable<Integer> lambda = () -> pause(captured) + captured;
        SuspendableCallable<Integer> reference = this::methodReferenceTarget;
        Transformer<Integer, String> generic = x -> "v" + pause(x);
        int suspensions = Steps.runToEnd(() -> {
            try {
                out.add(lambda.call());
                out.add(reference.call());
                out.add(generic.apply(9));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(3, suspensions);
        assertEquals(List.of(10, 22, "v9"), out);
    }

    @Test
    void nonSuspendableLambdaThatNeverSuspendsStillWorks() {
        Function<Integer, Integer> plain = x -> x + 1;
        int[] out = new int[1];
        Steps.runToEnd(() -> out[0] = plain.apply(pause(1)));
        assertEquals(2, out[0]);
    }
}
