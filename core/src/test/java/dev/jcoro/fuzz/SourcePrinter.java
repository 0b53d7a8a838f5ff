package dev.jcoro.fuzz;

/**
 * Prints a {@link GeneratedProgram} as a compilation unit: the generated members, the {@code call()}
 * that runs them, and static imports of the fixed helpers in {@link dev.jcoro.fuzz.gen.Rt}.
 */
final class SourcePrinter {
    /** The package of the instrumented copy; the plain copy is renamed from it. */
    static final String PACKAGE = "dev.jcoro.fuzz.gen";

    private SourcePrinter() {
    }

    /** The binary name of {@code p}'s class. */
    static String className(GeneratedProgram p) {
        return PACKAGE + "." + p.simpleName();
    }

    /**
     * Prints the whole compilation unit.
     *
     * @param p the program
     * @return Java source for {@link #className}
     */
    static String print(GeneratedProgram p) {
        return "package " + PACKAGE + ";\n\n"
                + "import static " + PACKAGE + ".Rt.*;\n\n"
                + "import dev.jcoro.Suspendable;\n"
                + "import dev.jcoro.SuspendableCallable;\n"
                + "import " + PACKAGE + ".Rt.*;\n\n"
                + "// seed " + p.seed() + "\n"
                + "public final class " + p.simpleName() + " implements SuspendableCallable<String> {\n"
                + p.members() + "\n"
                + CALL
                + "}\n";
    }

    /** Exceptions are part of the trace, so that a run that throws still reports what it computed first. */
    private static final String CALL = """
                @Suspendable
                @Override
                public String call() throws Exception {
                    reset();
                    String r;
                    try {
                        r = describe(entry());
                    } catch (Exception e) {
                        caught(e);
                        r = "threw";
                    }
                    return result(r);
                }
            """;
}
