package dev.jcoro.samples;

import dev.jcoro.samples.seed.SeedDemo;

/**
 * The README's first command runs this: the seed article's demonstration, N one-second requests made
 * sequentially, with hand-written callbacks and with coroutines. Usage: {@code Demo [N]} (default 10).
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        SeedDemo.main(args);
    }
}
