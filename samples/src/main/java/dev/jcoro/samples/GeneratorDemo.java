package dev.jcoro.samples;

import dev.jcoro.Continuation;
import dev.jcoro.Emitter;
import dev.jcoro.Generator;
import dev.jcoro.Suspendable;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators and continuations: code that pauses in the middle of loops and calls and picks up where it
 * left off. Run with {@code -javaagent:instrument/target/jcoro-agent.jar}.
 */
public final class GeneratorDemo {
    private GeneratorDemo() {
    }

    /** Walks a small tree in order, emitting from deep inside the recursion. */
    record Node(int value, Node left, Node right) {
        @Suspendable
        void walk(Emitter<Integer> out) {
            if (left != null) {
                left.walk(out);
            }
            out.emit(value);
            if (right != null) {
                right.walk(out);
            }
        }
    }

    public static void main(String[] args) {
        Generator<Long> fibonacci = new Generator<>(out -> {
            long a = 0;
            long b = 1;
            while (true) {
                out.emit(a);
                long next = a + b;
                a = b;
                b = next;
            }
        });
        List<Long> first = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            first.add(fibonacci.next());
        }
        System.out.println("fibonacci:         " + first);

        Node tree = new Node(4, new Node(2, new Node(1, null, null), new Node(3, null, null)),
                new Node(6, new Node(5, null, null), new Node(7, null, null)));
        List<Integer> inOrder = new ArrayList<>();
        new Generator<Integer>(tree::walk).forEachRemaining(inOrder::add);
        System.out.println("tree in order:     " + inOrder);

        Continuation c = new Continuation(() -> {
            for (int step = 1; step <= 3; step++) {
                System.out.println("  continuation step " + step + " on " + Thread.currentThread().getName());
                Continuation.suspend();
            }
        });
        Thread other = new Thread(c::resume, "other-thread");
        c.resume();
        System.out.println("suspended at:      " + c.getStackTrace()[0]);
        other.start();
        join(other);
        c.resume();
        c.resume();
        System.out.println("continuation done: " + c.isDone());
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
