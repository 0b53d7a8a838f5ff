package dev.jcoro.samples;

/** The README's first command runs this: the main demonstration of what jcoro does. */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        GeneratorDemo.main(args);
    }
}
