package dev.jcoro.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates random, always-terminating Java programs full of suspension points, for the differential fuzz
 * test.
 *
 * <p>A program is a set of {@code @Suspendable} methods {@code m0..mN} (static and instance) with parameters,
 * locals and fields of every primitive type, arrays, strings, {@code Pair} objects, records and suspendable
 * lambdas; bodies mix loops, branches, both kinds of switch, try/catch/finally, try-with-resources, labelled
 * breaks, early returns, thrown and caught exceptions and bounded recursion. Suspension points
 * ({@code pause()}, {@code pauseI(x)} ...) sit anywhere an expression or statement may, so values of every
 * type are live in locals and on the operand stack when a continuation pauses. Every computed value goes
 * through {@code obs(...)}, which folds it into the trace the program returns; the fixed helpers
 * ({@code obs}, {@code pause*}, {@code Pair}, ...) are in {@link dev.jcoro.fuzz.gen.Rt}.
 *
 * <p>Termination is by construction: loops run at most four times over counters the body never writes,
 * the call graph only goes from {@code mi} to {@code mj} with {@code j > i}, and the one recursive call a
 * method may make decrements a depth parameter. Each method has a cost estimate (statements executed,
 * callees included) that the generator keeps under a budget, so no program runs long or suspends
 * thousands of times.
 */
final class ProgramGenerator {
    /** Statements one method may execute, callees included, roughly: keeps programs fast and suspensions in the tens. */
    private static final int BUDGET = 700;
    /** Nesting of compound statements; deeper nesting mostly costs javac time without adding new shapes. */
    private static final int MAX_BLOCK_DEPTH = 2;
    /** Most iterations of the innermost statement of nested loops. */
    private static final int MAX_LOOP_MULT = 16;

    /** The Java types the generator works with; narrow integers compute as {@code int}. */
    enum Type {
        BYTE("byte"), SHORT("short"), CHAR("char"), INT("int"), LONG("long"), FLOAT("float"), DOUBLE("double"),
        BOOLEAN("boolean"), STRING("String"), INTS("int[]"), LONGS("long[]"), DOUBLES("double[]"), PAIR("Pair"),
        OP("Op");

        final String java;

        Type(String java) {
            this.java = java;
        }

        /** The type its values compute as: byte, short and char are ints on the operand stack. */
        Type comp() {
            return this == BYTE || this == SHORT || this == CHAR ? INT : this;
        }

        boolean narrow() {
            return this == BYTE || this == SHORT || this == CHAR;
        }

        boolean numeric() {
            Type c = comp();
            return c == INT || c == LONG || c == FLOAT || c == DOUBLE;
        }

        /** Whether a value of this type may be observed or concatenated: identity-hashed types may not. */
        boolean printable() {
            return this != OP && this != INTS && this != LONGS && this != DOUBLES;
        }
    }

    private static final Type[] ALL = Type.values();
    private static final Type[] SCALARS = {Type.BYTE, Type.SHORT, Type.CHAR, Type.INT, Type.LONG, Type.FLOAT,
            Type.DOUBLE, Type.BOOLEAN, Type.STRING};

    /** A readable name in scope; {@code writable} is false for loop counters, depth parameters and finals. */
    private record Var(String name, Type type, boolean writable, boolean isFinal, boolean isField) {
    }

    private static final class Method {
        final int index;
        final String name;
        final boolean isStatic;
        final Type ret;
        final List<Type> params;
        /** Deepest recursion, or -1 when the method does not call itself. */
        final int maxDepth;
        int cost;

        Method(int index, boolean isStatic, Type ret, List<Type> params, int maxDepth) {
            this.index = index;
            this.name = "m" + index;
            this.isStatic = isStatic;
            this.ret = ret;
            this.params = params;
            this.maxDepth = maxDepth;
        }
    }

    private final SplittableRandom rnd;
    private final String simpleName;
    /** Members the shapes add (helper methods, nested classes), each used by the one statement that added it. */
    private final StringBuilder extras = new StringBuilder();
    private int shapes;
    /** The whole program's members. */
    private final StringBuilder program = new StringBuilder();
    /** The body of the method being generated. */
    private final StringBuilder out = new StringBuilder();
    private final List<Method> methods = new ArrayList<>();
    private final List<Var> fields = new ArrayList<>();

    // State of the method being generated.
    private Method current;
    private final List<Var> scope = new ArrayList<>();
    private int indent;
    private int cost;
    private int budget;
    private int mult;
    private int loops;
    private int breakables;
    /** Try blocks around the code being generated: most exceptions are thrown where a handler can see them. */
    private int tries;
    private final List<String> labels = new ArrayList<>();
    private int names;
    private boolean inLambda;
    /**
     * The checked exceptions the code generated since the enclosing try began may throw ({@link #THROWS_BOOM},
     * {@link #THROWS_ANY}): javac rejects {@code catch (Boom e)} around a block that cannot throw one.
     */
    private int mayThrow;
    private static final int THROWS_BOOM = 1;
    private static final int THROWS_ANY = 2;

    private ProgramGenerator(long seed, String simpleName) {
        this.rnd = new SplittableRandom(seed);
        this.simpleName = simpleName;
    }

    /**
     * Generates the program for {@code seed}; the same seed always gives the same source.
     *
     * @param seed the program's seed
     * @param simpleName the class name to use
     * @return the program
     */
    static GeneratedProgram generate(long seed, String simpleName) {
        ProgramGenerator g = new ProgramGenerator(seed, simpleName);
        g.generate();
        return new GeneratedProgram(seed, simpleName, g.program.toString());
    }

    // ------------------------------------------------------------------ program and methods

    private void generate() {
        fields();
        int count = 2 + n(3);
        for (int i = 0; i < count; i++) {
            boolean isStatic = i > 0 && chance(0.5);
            Type ret = chance(0.2) ? null : pickReturnType();
            List<Type> params = new ArrayList<>();
            int pc = n(5);
            for (int p = 0; p < pc; p++) {
                params.add(chance(0.1) ? Type.OP : ALL[n(ALL.length - 1)]);
            }
            int maxDepth = i > 0 && chance(0.3) ? new int[] {1, 2, 3, 5, 8, 20}[n(6)] : -1;
            methods.add(new Method(i, isStatic, ret, params, maxDepth));
        }
        // Callees first, so that a caller knows what each call costs.
        List<String> bodies = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            bodies.add(0, method(methods.get(i)));
        }
        for (String b : bodies) {
            program.append(b);
        }
        entry();
        program.append(extras);
    }

    private Type pickReturnType() {
        Type t;
        do {
            t = ALL[n(ALL.length)];
        } while (t == Type.OP);
        return t;
    }

    private void fields() {
        field(Type.BYTE, "fB");
        field(Type.SHORT, "fS");
        field(Type.CHAR, "fC");
        field(Type.INT, "fI");
        field(Type.LONG, "fJ");
        field(Type.FLOAT, "fF");
        field(Type.DOUBLE, "fD");
        field(Type.BOOLEAN, "fZ");
        field(Type.STRING, "fT");
        field(Type.INTS, "fA");
        field(Type.LONGS, "fL");
        field(Type.PAIR, "fP");
        program.append("    static int SI;\n    static long SJ;\n    static double SD;\n\n");
        fields.add(new Var("SI", Type.INT, true, false, true));
        fields.add(new Var("SJ", Type.LONG, true, false, true));
        fields.add(new Var("SD", Type.DOUBLE, true, false, true));
    }

    private void field(Type t, String name) {
        program.append("    ").append(t.java).append(' ').append(name).append(" = ").append(literal(t)).append(";\n");
        fields.add(new Var(name, t, true, false, false));
    }

    private String method(Method m) {
        out.setLength(0);
        current = m;
        scope.clear();
        labels.clear();
        names = 0;
        cost = 0;
        mult = 1;
        loops = 0;
        breakables = 0;
        indent = 2;
        budget = m.maxDepth >= 0 ? BUDGET / (m.maxDepth + 1) : BUDGET;
        for (Var f : fields) {
            if (!m.isStatic || isStaticField(f)) {
                scope.add(f);
            }
        }
        StringBuilder sig = new StringBuilder("    @Suspendable\n    ");
        if (m.isStatic) {
            sig.append("static ");
        }
        sig.append(m.ret == null ? "void" : m.ret.java).append(' ').append(m.name).append('(');
        List<String> ps = new ArrayList<>();
        if (m.maxDepth >= 0) {
            ps.add("int d");
            scope.add(new Var("d", Type.INT, false, false, false));
        }
        for (int i = 0; i < m.params.size(); i++) {
            Type t = m.params.get(i);
            String name = "p" + i;
            ps.add(t.java + " " + name);
            scope.add(new Var(name, t, t != Type.OP, false, false));
        }
        sig.append(String.join(", ", ps)).append(") throws Exception {\n");

        int statements = 2 + n(3);
        int recursionAt = m.maxDepth >= 0 ? n(statements + 1) : -1;
        int pauseAt = chance(0.75) ? n(statements + 1) : -1;
        for (int i = 0; i <= statements; i++) {
            if (i == pauseAt) {
                line("pause();");
                spend(2);
            }
            if (i == recursionAt) {
                recursiveCall(m);
            }
            if (i < statements) {
                statement(0);
            }
        }
        observeLocals();
        if (m.ret != null) {
            line("return " + assignable(m.ret, 2) + ";");
        }
        m.cost = Math.max(1, cost) * (m.maxDepth >= 0 ? m.maxDepth + 1 : 1) + 1;
        String body = sig + out.toString() + "    }\n\n";
        out.setLength(0);
        return body;
    }

    /**
     * Observes the parameters and top-level locals still in scope, so that a value a restore got wrong shows in
     * the trace even when no later expression happens to read it.
     */
    private void observeLocals() {
        StringBuilder s = new StringBuilder();
        for (Var v : scope) {
            if (v.isField || v.type == Type.OP) {
                continue;
            }
            s.append(v.type.printable() ? "obs(" + v.name + "); " : "obs(java.util.Arrays.toString(" + v.name + ")); ");
        }
        if (s.length() > 0) {
            line(s.toString().trim());
        }
    }

    private void recursiveCall(Method m) {
        List<String> args = new ArrayList<>();
        args.add("d - 1");
        for (Type t : m.params) {
            args.add(argument(t, 2));
        }
        String call = m.name + "(" + String.join(", ", args) + ")";
        line("if (d > 0) {");
        indent++;
        if (m.ret != null && m.ret.printable()) {
            line("obs(" + call + ");");
        } else {
            line(call + ";");
        }
        indent--;
        line("}");
    }

    private void entry() {
        Method m0 = methods.get(0);
        Method entry = new Method(-1, false, null, List.of(), -1);
        current = entry;
        scope.clear();
        scope.addAll(fields);
        names = 0;
        cost = 0;
        mult = 1;
        budget = BUDGET * 2;
        indent = 2;
        out.setLength(0);
        line("SI = 0;");
        line("SJ = 0L;");
        line("SD = 0.0;");
        List<String> args = new ArrayList<>();
        for (Type t : m0.params) {
            args.add(argument(t, 2));
        }
        String call = "m0(" + String.join(", ", args) + ")";
        if (m0.ret == null) {
            line(call + ";");
            line("Object r = \"void\";");
        } else {
            line("Object r = " + call + ";");
        }
        for (Var f : fields) {
            if (f.type.printable()) {
                line("obs(" + f.name + ");");
            } else if (f.type != Type.OP) {
                line("obs(java.util.Arrays.toString(" + f.name + "));");
            }
        }
        line("return r;");
        program.append("    @Suspendable\n    Object entry() throws Exception {\n").append(out).append("    }\n");
    }

    // ------------------------------------------------------------------ statements

    private void block(int depth) {
        int mark = scope.size();
        int count = 1 + n(depth >= 1 ? 2 : 3);
        for (int i = 0; i < count; i++) {
            statement(depth);
        }
        truncate(mark);
    }

    private void statement(int depth) {
        spend(1);
        if (!inLambda && current.index >= 0 && cost < budget - 40 && chance(0.05)) {
            shape();
            return;
        }
        boolean compound = depth < MAX_BLOCK_DEPTH && cost < budget - 20;
        int r = n(compound ? 104 : 55);
        if (r < 12) {
            declare();
        } else if (r < 20) {
            assign();
        } else if (r < 28) {
            compoundAssign();
        } else if (r < 31) {
            increment();
        } else if (r < 38) {
            observe();
        } else if (r < 42) {
            line("pause();");
            spend(2);
        } else if (r < 45) {
            callStatement();
        } else if (r < 48) {
            throwIf();
        } else if (r < 50) {
            returnIf();
        } else if (r < 55) {
            jumpIf();
        } else if (r < 65) {
            ifStatement(depth);
        } else if (r < 76) {
            loop(depth);
        } else if (r < 84) {
            switchStatement(depth);
        } else if (r < 96) {
            tryStatement(depth);
        } else if (r < 100) {
            labelledBlock(depth);
        } else {
            synchronizedBlock();
        }
    }

    /** A block, labelled half of the time, that a {@code break} may leave early. */
    private void labelledBlock(int depth) {
        String label = chance(0.5) ? "B" + names++ : null;
        line(label == null ? "{" : label + ": {");
        indent++;
        int mark = scope.size();
        if (label != null) {
            line("if (" + expr(Type.BOOLEAN, 2) + ") break " + label + ";");
        }
        block(depth + 1);
        truncate(mark);
        indent--;
        line("}");
    }

    /**
     * A {@code synchronized} block in a suspendable method, built from leaves only so that nothing in it can
     * suspend (that would be refused): the rewriter must leave its monitor handlers intact around the
     * suspension points before and after it.
     */
    private void synchronizedBlock() {
        line("synchronized (" + (current.isStatic || chance(0.5) ? "Rt.class" : "this") + ") {");
        indent++;
        for (int i = 0; i < 1 + n(3); i++) {
            Var v = writable(t -> t.comp() == Type.INT || t.comp() == Type.LONG);
            if (v != null && chance(0.6)) {
                Type c = v.type.comp();
                String value = "(" + leaf(c) + " " + pick("+", "-", "*", "^") + " " + leaf(c) + ")";
                line(v.name + " = " + (v.type.narrow() ? "(" + v.type.java + ") " + value : value) + ";");
            } else {
                line("obs(" + leaf(printableType()) + ");");
            }
        }
        indent--;
        line("}");
    }

    private void declare() {
        Type t = chance(0.7) ? SCALARS[n(SCALARS.length)] : ALL[n(ALL.length)];
        boolean fin = chance(0.15);
        String name = "v" + names++;
        String init = t == Type.OP ? opValue() : assignable(t, deep());
        line((fin ? "final " : "") + t.java + " " + name + " = " + init + ";");
        scope.add(new Var(name, t, !fin && t != Type.OP, fin, false));
    }

    private void assign() {
        Var v = writable(null);
        if (v == null) {
            declare();
            return;
        }
        if (v.type == Type.INTS || v.type == Type.LONGS || v.type == Type.DOUBLES) {
            if (chance(0.6)) {
                Type elem = v.type == Type.INTS ? Type.INT : v.type == Type.LONGS ? Type.LONG : Type.DOUBLE;
                line(v.name + "[" + index() + "] = " + expr(elem, deep()) + ";");
                return;
            }
        }
        if (v.type == Type.PAIR && chance(0.5)) {
            line(v.name + (chance(0.5) ? ".a = " + expr(Type.LONG, deep()) : ".s = " + expr(Type.STRING, 2)) + ";");
            return;
        }
        line(v.name + " = " + assignable(v.type, deep()) + ";");
    }

    private void compoundAssign() {
        int r = n(10);
        if (r < 2) {
            String arr = readable(Type.INTS);
            if (arr != null) {
                line(arr + "[" + index() + "] " + pick("+=", "-=", "*=", "^=", "|=") + " " + expr(Type.INT, deep()) + ";");
                return;
            }
        } else if (r < 3) {
            String arr = readable(Type.LONGS);
            if (arr != null) {
                line(arr + "[" + index() + "] " + pick("+=", "-=", "*=", "<<=") + " " + expr(Type.LONG, deep()) + ";");
                return;
            }
        } else if (r < 4) {
            String p = readable(Type.PAIR);
            if (p != null) {
                line(p + ".a " + pick("+=", "-=", "*=", "^=") + " " + expr(Type.LONG, deep()) + ";");
                return;
            }
        }
        Var v = writable(Type::numeric);
        if (v == null) {
            Var s = writable(t -> t == Type.STRING || t == Type.BOOLEAN);
            if (s == null) {
                declare();
            } else if (s.type == Type.STRING) {
                line(s.name + " = cut(" + s.name + " + " + expr(printableType(), 2) + ");");
            } else {
                line(s.name + " " + pick("&=", "|=", "^=") + " " + expr(Type.BOOLEAN, 2) + ";");
            }
            return;
        }
        Type c = v.type.comp();
        if (c == Type.INT || c == Type.LONG) {
            int k = n(10);
            if (k < 5) {
                line(v.name + " " + pick("+=", "-=", "*=", "&=", "|=", "^=") + " " + expr(chance(0.8) ? c : Type.LONG, deep()) + ";");
            } else if (k < 7) {
                line(v.name + " " + pick("<<=", ">>=", ">>>=") + " " + expr(Type.INT, 2) + ";");
            } else if (k < 9) {
                line(v.name + " " + pick("/=", "%=") + " (" + expr(c, 2) + " | 1);");
            } else if (risky(1.0)) {
                // May divide by zero: an ArithmeticException thrown after a resume.
                line(v.name + " " + pick("/=", "%=") + " (" + expr(Type.INT, 2) + " & 3);");
            } else {
                line(v.name + " " + pick("+=", "-=") + " " + expr(c, 2) + ";");
            }
        } else {
            line(v.name + " " + pick("+=", "-=", "*=", "/=", "%=") + " " + expr(chance(0.8) ? c : Type.INT, deep()) + ";");
        }
    }

    private void increment() {
        Var v = writable(Type::numeric);
        if (v == null) {
            String arr = readable(Type.INTS);
            if (arr != null) {
                line(arr + "[" + index() + "]" + pick("++", "--") + ";");
            } else {
                observe();
            }
            return;
        }
        line(chance(0.5) ? v.name + pick("++", "--") + ";" : pick("++", "--") + v.name + ";");
    }

    private void observe() {
        line("obs(" + expr(printableType(), deep()) + ");");
    }

    private void callStatement() {
        Method m = callee(null);
        if (m == null) {
            observe();
            return;
        }
        line(callExpr(m, 2) + ";");
    }

    private void throwIf() {
        if (!risky(1.0)) {
            observe();
            return;
        }
        String cond = expr(Type.BOOLEAN, 2);
        String msg = "\"" + pick("bad", "oops", "late", "deep") + names++ + ":\" + " + expr(printableType(), 2);
        String ex = pick("IllegalStateException", "IllegalArgumentException", "ArithmeticException", "Boom",
                "UnsupportedOperationException", "Exception");
        mayThrow |= ex.equals("Boom") ? THROWS_BOOM : ex.equals("Exception") ? THROWS_ANY : 0;
        line("if (" + cond + ") throw new " + ex + "(" + msg + ");");
    }

    private void returnIf() {
        if (inLambda) {
            observe();
            return;
        }
        String cond = expr(Type.BOOLEAN, 2);
        line("if (" + cond + ") return" + (current.ret == null ? "" : " " + assignable(current.ret, 2)) + ";");
    }

    private void jumpIf() {
        if (breakables == 0) {
            observe();
            return;
        }
        String cond = expr(Type.BOOLEAN, 2);
        if (loops > 0 && chance(0.5)) {
            String label = !labels.isEmpty() && chance(0.4) ? " " + labels.get(n(labels.size())) : "";
            line("if (" + cond + ") continue" + label + ";");
        } else {
            String label = !labels.isEmpty() && chance(0.3) ? " " + labels.get(n(labels.size())) : "";
            line("if (" + cond + ") break" + label + ";");
        }
    }

    private void ifStatement(int depth) {
        line("if (" + expr(Type.BOOLEAN, deep()) + ") {");
        indent++;
        block(depth + 1);
        indent--;
        int r = n(3);
        if (r == 0) {
            line("}");
        } else if (r == 1) {
            line("} else {");
            indent++;
            block(depth + 1);
            indent--;
            line("}");
        } else {
            line("} else if (" + expr(Type.BOOLEAN, 2) + ") {");
            indent++;
            block(depth + 1);
            indent--;
            line("} else {");
            indent++;
            block(depth + 1);
            indent--;
            line("}");
        }
    }

    private void loop(int depth) {
        int times = 1 + n(4);
        int kind = n(5);
        if (kind == 4) {
            times = 4;
        }
        if (mult * times > MAX_LOOP_MULT) {
            ifStatement(depth);
            return;
        }
        String k = "k" + names++;
        String label = null;
        if (chance(0.25)) {
            label = "L" + names++;
        }
        String prefix = label == null ? "" : label + ": ";
        int mark = scope.size();
        switch (kind) {
            case 0, 1 -> line(prefix + "for (int " + k + " = 0; " + k + " < " + times + "; " + k + "++) {");
            case 2 -> {
                line("int " + k + " = 0;");
                line(prefix + "while (" + k + "++ < " + times + ") {");
            }
            case 3 -> {
                line("int " + k + " = 0;");
                line(prefix + "do {");
            }
            default -> {
                Type arr = pick(Type.INTS, Type.LONGS, Type.DOUBLES);
                Type elem = arr == Type.INTS ? Type.INT : arr == Type.LONGS ? Type.LONG : Type.DOUBLE;
                line(prefix + "for (" + elem.java + " " + k + " : " + expr(arr, 2) + ") {");
                scope.add(new Var(k, elem, false, false, false));
            }
        }
        if (kind != 4) {
            scope.add(new Var(k, Type.INT, false, false, false));
        }
        indent++;
        mult *= times;
        loops++;
        breakables++;
        if (label != null) {
            labels.add(label);
        }
        block(depth + 1);
        if (label != null) {
            labels.remove(labels.size() - 1);
        }
        breakables--;
        loops--;
        mult /= times;
        indent--;
        line(kind == 3 ? "} while (++" + k + " < " + times + ");" : "}");
        truncate(mark);
    }

    private void switchStatement(int depth) {
        int kind = n(4);
        breakables++;
        if (kind == 0) {
            line("switch (" + expr(Type.INT, 2) + " & 3) {");
            for (String c : new String[] {"case 0:", "case 1:", "case 2: case 3:", "default:"}) {
                if (c.equals("default:") && chance(0.5)) {
                    continue;
                }
                line(c + " {");
                indent++;
                block(depth + 1);
                indent--;
                // No break: falls through into the next group, as old-style switches do.
                line(chance(0.6) ? "} break;" : "}");
            }
            line("}");
        } else if (kind == 1) {
            line("switch (" + expr(Type.INT, 2) + " & 3) {");
            for (String c : new String[] {"case 0 ->", "case 1, 2 ->", "default ->"}) {
                line(c + " {");
                indent++;
                block(depth + 1);
                indent--;
                line("}");
            }
            line("}");
        } else if (kind == 3) {
            String color = "Color.values()[" + expr(Type.INT, 1) + " & 1" + (chance(0.5) ? "]" : " + 1]");
            line("switch (" + (chance(0.5) ? "pauseV(" + color + ")" : color) + ") {");
            for (String c : new String[] {"case RED:", "case GREEN:", "default:"}) {
                line(c + " {");
                indent++;
                block(depth + 1);
                indent--;
                line(chance(0.6) ? "} break;" : "}");
            }
            line("}");
        } else {
            line("switch (" + expr(Type.STRING, 2) + ") {");
            for (String c : new String[] {"case \"a\", \"b\" ->", "case \"\" ->", "default ->"}) {
                line(c + " {");
                indent++;
                block(depth + 1);
                indent--;
                line("}");
            }
            line("}");
        }
        breakables--;
    }

    private void tryStatement(int depth) {
        int kind = n(5);
        // The resource initialiser belongs to the try: its exceptions reach the catch clauses too.
        int outer = mayThrow;
        mayThrow = 0;
        if (kind == 4) {
            String r = "r" + names++;
            line("try (Res " + r + " = new Res(\"" + r + "\" + " + expr(Type.INT, 1) + ")) {");
        } else {
            line("try {");
        }
        indent++;
        tries++;
        block(depth + 1);
        tries--;
        indent--;
        int bodyThrows = mayThrow;
        mayThrow = 0;
        int caught = kind != 1 ? catches(depth, bodyThrows != 0) : 0;
        if (kind == 1 || kind == 2 || (kind == 4 && chance(0.3))) {
            line("} finally {");
            indent++;
            block(depth + 1);
            indent--;
        }
        line("}");
        // What escapes the whole statement: the body's checked exceptions that no catch clause takes.
        mayThrow |= outer | (bodyThrows & ~caught);
    }

    /** Emits the catch clauses and returns the checked exceptions they take, as {@link #mayThrow} bits. */
    private int catches(int depth, boolean bodyThrowsChecked) {
        // Most specific first, so that no clause is unreachable behind a broader one.
        String[][] clauses = {
            {"ArithmeticException"}, {"ArrayIndexOutOfBoundsException", "StringIndexOutOfBoundsException"},
            {"IllegalStateException"}, {"RuntimeException"}, {"Boom"}, {"Exception"}, {"Throwable"}
        };
        int used = 0;
        int caught = 0;
        for (String[] clause : clauses) {
            if (!chance(0.35) && !(used == 0 && clause[0].equals("Throwable"))) {
                continue;
            }
            if (clause[0].equals("Boom") && !bodyThrowsChecked) {
                // javac rejects catching a checked exception that the try block cannot throw.
                continue;
            }
            String e = "e" + names++;
            String type = clause.length > 1 && chance(0.5) ? clause[0] + " | " + clause[1] : clause[n(clause.length)];
            line("} catch (" + type + " " + e + ") {");
            caught |= type.equals("Boom") ? THROWS_BOOM
                    : type.equals("Exception") || type.equals("Throwable") ? THROWS_BOOM | THROWS_ANY : 0;
            indent++;
            line("caught(" + e + ");");
            if (chance(0.4)) {
                line("pause();");
                spend(2);
            }
            block(depth + 1);
            if (chance(0.15)) {
                line("if (" + expr(Type.BOOLEAN, 1) + ") throw new IllegalStateException(\"rethrown\", " + e + ");");
            }
            indent--;
            used++;
        }
        return caught;
    }

    // ------------------------------------------------------------------ expressions

    /** An expression assignable to a variable of type {@code t}: narrow types get the cast Java requires. */
    private String assignable(Type t, int depth) {
        if (t.narrow()) {
            return "(" + t.java + ") (" + expr(Type.INT, depth) + ")";
        }
        if (t == Type.OP) {
            return opValue();
        }
        return expr(t, depth);
    }

    private String argument(Type t, int depth) {
        if (t == Type.OP) {
            return opValue();
        }
        return assignable(t, depth);
    }

    /** An expression whose type computes as {@code t.comp()}. */
    private String expr(Type t, int depth) {
        t = t.comp();
        if (depth <= 0 || chance(0.15)) {
            return leaf(t);
        }
        if (chance(0.12)) {
            return pause(t, depth - 1);
        }
        if (chance(0.1)) {
            Method m = callee(t);
            if (m != null) {
                return callExpr(m, depth - 1);
            }
        }
        if (chance(0.05)) {
            return "(" + expr(Type.BOOLEAN, depth - 1) + " ? " + expr(t, depth - 1) + " : " + expr(t, depth - 1) + ")";
        }
        if (t == Type.LONG && !current.isStatic && !inLambda && chance(0.15)) {
            // The program's override of Base.step, which calls super.step: an invokespecial that suspends.
            spend(4);
            mayThrow |= THROWS_ANY;
            return "step(" + expr(Type.LONG, depth - 1) + ")";
        }
        return switch (t) {
            case INT -> intExpr(depth);
            case LONG -> longExpr(depth);
            case FLOAT -> floatExpr(depth);
            case DOUBLE -> doubleExpr(depth);
            case BOOLEAN -> booleanExpr(depth);
            case STRING -> stringExpr(depth);
            case INTS, LONGS, DOUBLES -> arrayLiteral(t, depth);
            case PAIR -> "new Pair(" + maybePaused(Type.LONG, depth - 1) + ", " + maybePaused(Type.STRING, depth - 1) + ")";
            default -> throw new AssertionError(t);
        };
    }

    private String pause(Type t, int depth) {
        return pauseCall(t, expr(t, depth));
    }

    private String pauseCall(Type t, String inner) {
        spend(2);
        return switch (t.comp()) {
            case INT -> "pauseI(" + inner + ")";
            case LONG -> "pauseJ(" + inner + ")";
            case FLOAT -> "pauseF(" + inner + ")";
            case DOUBLE -> "pauseD(" + inner + ")";
            case BOOLEAN -> "pauseZ(" + inner + ")";
            case STRING -> "pauseS(" + inner + ")";
            default -> "pauseV(" + inner + ")";
        };
    }

    /** Constructor arguments that suspend half of the time: the uninitialised {@code new} is on the stack then. */
    private String maybePaused(Type t, int depth) {
        return chance(0.5) ? pause(t, Math.max(0, depth)) : expr(t, depth);
    }

    private String intExpr(int depth) {
        int d = depth - 1;
        switch (n(17)) {
            case 0, 1, 2:
                return "(" + expr(Type.INT, d) + " " + pick("+", "-", "*", "&", "|", "^") + " " + expr(Type.INT, d) + ")";
            case 3:
                return "(" + expr(Type.INT, d) + " " + pick("<<", ">>", ">>>") + " (" + expr(Type.INT, d) + " & 31))";
            case 4:
                return "(" + expr(Type.INT, d) + " " + pick("/", "%") + " (" + expr(Type.INT, d) + " | 1))";
            case 5:
                return risky(0.3) ? "(" + expr(Type.INT, d) + " / (" + expr(Type.INT, d) + " & 3))" : leaf(Type.INT);
            case 6:
                return "(" + pick("byte", "short", "char", "int") + ") (" + expr(Type.INT, d) + ")";
            case 7:
                return "(int) (" + expr(pick(Type.LONG, Type.FLOAT, Type.DOUBLE), d) + ")";
            case 8: {
                String arr = expr(Type.INTS, d);
                // One index in four is out of bounds: an exception with a message that both runs must agree on.
                return arr + "[" + (risky(0.25) ? "(" + expr(Type.INT, d) + " & 7)" : index()) + "]";
            }
            case 9:
                return expr(Type.STRING, d) + pick(".length()", ".hashCode()");
            case 10: {
                Var v = writable(t -> t.comp() == Type.INT);
                if (v != null) {
                    return chance(0.5) ? "(" + v.name + pick("++", "--") + ")"
                            : "(" + v.name + " " + pick("+=", "-=", "^=") + " " + expr(Type.INT, d) + ")";
                }
                return leaf(Type.INT);
            }
            case 11:
                return depth >= 2 ? switchExpr(Type.INT, d) : leaf(Type.INT);
            case 12:
                return pick("Integer.rotateLeft(", "Math.max(", "Math.floorMod(") + expr(Type.INT, d) + ", "
                        + expr(Type.INT, d) + " | 1)";
            case 13:
                return expr(pick(Type.INTS, Type.LONGS, Type.DOUBLES), d) + ".length";
            case 14:
                mayThrow |= THROWS_ANY;
                return "(int) " + expr(Type.PAIR, d) + ".sum(" + expr(Type.INT, d) + ")";
            case 15:
                return "Boolean.compare(" + expr(Type.BOOLEAN, d) + ", " + expr(Type.BOOLEAN, d) + ")";
            default:
                return "(" + expr(Type.CHAR, d) + " + '" + (char) ('a' + n(26)) + "')";
        }
    }

    private String longExpr(int depth) {
        int d = depth - 1;
        switch (n(16)) {
            case 0, 1:
                return "(" + expr(Type.LONG, d) + " " + pick("+", "-", "*", "&", "|", "^") + " " + expr(Type.LONG, d) + ")";
            case 2:
                // A long left on the operand stack while the right operand suspends.
                return "(" + expr(Type.LONG, d) + " * " + (1 + n(9)) + "L + pauseJ(" + expr(Type.LONG, d) + "))";
            case 3:
                return "(" + expr(Type.LONG, d) + " " + pick("<<", ">>", ">>>") + " " + expr(Type.INT, d) + ")";
            case 4:
                return "(" + expr(Type.LONG, d) + " " + pick("/", "%") + " (" + expr(Type.LONG, d) + " | 1L))";
            case 5:
                return "(long) " + expr(Type.INT, d);
            case 6:
                return "(long) (" + expr(pick(Type.FLOAT, Type.DOUBLE), d) + ")";
            case 7:
                return expr(Type.LONGS, d) + "[" + index() + "]";
            case 8:
                return expr(Type.PAIR, d) + ".a";
            case 9:
                spend(2);
                mayThrow |= THROWS_ANY;
                return expr(Type.PAIR, d) + ".sum(" + expr(Type.INT, d) + ")";
            case 10: {
                spend(2);
                String rec = "new Rec(" + maybePaused(Type.LONG, d) + ", " + maybePaused(Type.INT, d) + ")";
                if (chance(0.5)) {
                    return rec + ".a()";
                }
                mayThrow |= THROWS_ANY;
                return rec + ".mix(" + expr(Type.LONG, d) + ")";
            }
            case 11: {
                String op = opReceiver();
                spend(6);
                mayThrow |= THROWS_ANY;
                return op + (chance(0.7) ? ".apply(" : ".twice(") + expr(Type.LONG, d) + ")";
            }
            case 12:
                return pick("Long.rotateRight(", "Math.min(", "Long.rotateLeft(") + expr(Type.LONG, d) + ", "
                        + expr(Type.INT, d) + ")";
            case 13: {
                Var v = writable(t -> t == Type.LONG);
                return v == null ? leaf(Type.LONG) : "(" + v.name + pick("++", "--") + ")";
            }
            case 14:
                return depth >= 2 ? switchExpr(Type.LONG, d) : leaf(Type.LONG);
            default:
                return "(" + expr(Type.INT, d) + " " + pick("+", "-", "*") + " " + expr(Type.LONG, d) + ")";
        }
    }

    private String floatExpr(int depth) {
        int d = depth - 1;
        switch (n(6)) {
            case 0, 1:
                return "(" + expr(Type.FLOAT, d) + " " + pick("+", "-", "*", "/") + " " + expr(Type.FLOAT, d) + ")";
            case 2:
                return "(float) (" + expr(Type.DOUBLE, d) + ")";
            case 3:
                return "(float) " + expr(pick(Type.INT, Type.LONG), d);
            case 4:
                return "(" + expr(Type.FLOAT, d) + " + " + expr(Type.INT, d) + ")";
            default:
                return "Math.abs(" + expr(Type.FLOAT, d) + ")";
        }
    }

    private String doubleExpr(int depth) {
        int d = depth - 1;
        switch (n(9)) {
            case 0, 1:
                return "(" + expr(Type.DOUBLE, d) + " " + pick("+", "-", "*", "/", "%") + " " + expr(Type.DOUBLE, d) + ")";
            case 2:
                // A double left on the operand stack while the right operand suspends.
                return "(" + expr(Type.DOUBLE, d) + " * 0.5 + pauseD(" + expr(Type.DOUBLE, d) + "))";
            case 3:
                return "Math.sqrt(Math.abs(" + expr(Type.DOUBLE, d) + "))";
            case 4:
                return expr(Type.DOUBLES, d) + "[" + index() + "]";
            case 5:
                return "(double) " + expr(pick(Type.INT, Type.LONG, Type.FLOAT), d);
            case 6:
                return "(" + expr(Type.FLOAT, d) + " * " + expr(Type.DOUBLE, d) + ")";
            case 7:
                return depth >= 2 ? switchExpr(Type.DOUBLE, d) : leaf(Type.DOUBLE);
            default:
                return "(" + expr(Type.LONG, d) + " / 3.0)";
        }
    }

    private String booleanExpr(int depth) {
        int d = depth - 1;
        switch (n(8)) {
            case 0, 1: {
                Type t = pick(Type.INT, Type.LONG, Type.DOUBLE, Type.FLOAT, Type.CHAR);
                return "(" + expr(t, d) + " " + pick("<", "<=", ">", ">=", "==", "!=") + " " + expr(t, d) + ")";
            }
            case 2:
                return "(" + expr(Type.BOOLEAN, d) + " " + pick("&&", "||", "^", "&", "|") + " " + expr(Type.BOOLEAN, d) + ")";
            case 3:
                return "!" + expr(Type.BOOLEAN, d);
            case 4:
                // Not pick(...): its arguments would all be generated, and a discarded one still spends budget.
                return expr(Type.STRING, d) + (chance(0.6) ? pick(".isEmpty()", ".startsWith(\"a\")")
                        : ".equals(" + expr(Type.STRING, d) + ")");
            case 5:
                return "((" + expr(Type.INT, d) + " & 1) == 0)";
            case 6:
                if (chance(0.5)) {
                    // A pattern binding (a synthetic local) live across the suspension on the right of &&.
                    String q = "q" + names++;
                    return "(pauseV((Object) " + expr(Type.PAIR, d) + ") instanceof Pair " + q + " && " + q
                            + ".a > pauseJ(" + leaf(Type.LONG) + "))";
                }
                return "(" + expr(Type.LONG, d) + " > " + expr(Type.INT, d) + ")";
            default:
                return "Double.isNaN(" + expr(Type.DOUBLE, d) + ")";
        }
    }

    private String stringExpr(int depth) {
        int d = depth - 1;
        switch (n(8)) {
            case 0, 1, 2: {
                // Concatenation keeps every operand on the stack until the indy call; any of them may suspend.
                StringBuilder s = new StringBuilder("cut(\"" + (char) ('a' + n(26)) + "\"");
                int parts = 1 + n(3);
                for (int i = 0; i < parts; i++) {
                    s.append(" + ").append(expr(printableType(), d));
                }
                return s.append(")").toString();
            }
            case 3:
                return "String.valueOf(" + expr(printableType(), d) + ")";
            case 4:
                return expr(Type.PAIR, d) + ".s";
            case 5:
                // Throws StringIndexOutOfBoundsException on an empty string.
                return expr(Type.STRING, d) + ".substring(" + (risky(0.2) ? "1" : "0") + ")";
            case 6:
                return depth >= 2 ? switchExpr(Type.STRING, d) : leaf(Type.STRING);
            default:
                return "Integer.toString(" + expr(Type.INT, d) + ", " + pick("16", "36", "2") + ")";
        }
    }

    private String arrayLiteral(Type t, int depth) {
        // Parenthesised: an array creation cannot be indexed directly.
        if (chance(0.2)) {
            return "(new " + t.java.replace("[]", "[4]") + ")";
        }
        Type elem = t == Type.INTS ? Type.INT : t == Type.LONGS ? Type.LONG : Type.DOUBLE;
        return "(new " + t.java + " {" + expr(elem, depth - 1) + ", " + expr(elem, depth - 1) + ", " + leaf(elem) + ", "
                + leaf(elem) + "})";
    }

    private String switchExpr(Type t, int depth) {
        // The arms run with the enclosing expression's operands still on the stack.
        String sel = chance(0.7) ? expr(Type.INT, depth) + " & 3" : expr(Type.STRING, depth);
        boolean strings = !sel.endsWith("& 3");
        String[] labelsForArms = strings ? new String[] {"case \"a\" ->", "case \"\", \"b\" ->", "default ->"}
                : new String[] {"case 0 ->", "case 1, 3 ->", "default ->"};
        StringBuilder s = new StringBuilder("(switch (" + sel + ") { ");
        for (int i = 0; i < labelsForArms.length; i++) {
            s.append(labelsForArms[i]).append(' ');
            if (i == labelsForArms.length - 1 && chance(0.5)) {
                String tmp = "y" + names++;
                s.append("{ ").append(t.java).append(' ').append(tmp).append(" = ").append(expr(t, depth))
                        .append("; yield ").append(chance(0.5) ? pauseCall(t, tmp) : tmp)
                        .append("; } ");
            } else {
                s.append(expr(t, depth)).append("; ");
            }
        }
        return s.append("})").toString();
    }

    private String leaf(Type t) {
        t = t.comp();
        List<Var> candidates = new ArrayList<>();
        for (Var v : scope) {
            if (v.type.comp() == t && (!inLambda || v.isFinal || v.isField)) {
                candidates.add(v);
            }
        }
        if (!candidates.isEmpty() && chance(0.75)) {
            return candidates.get(n(candidates.size())).name;
        }
        return literal(t);
    }

    private String literal(Type t) {
        switch (t) {
            case BYTE:
                return "(byte) " + pick("1", "-3", "127", "-128", "42");
            case SHORT:
                return "(short) " + pick("7", "-300", "32767", "1000");
            case CHAR:
                return "'" + (char) ('a' + n(26)) + "'";
            case INT:
                return pick("0", "1", "2", "3", "7", "10", "100", "(-1)", "(-9)", "255", "65536", "2147483647",
                        "(-2147483648)", Integer.toString(n(1000)));
            case LONG:
                return pick("0L", "1L", "3L", "(-1L)", "1000000007L", "9223372036854775807L", "(-40L)",
                        "4294967296L", n(100000) + "L");
            case FLOAT:
                return pick("0.0f", "1.5f", "(-2.25f)", "3.0e10f", "(-0.0f)", "Float.NaN", "0.1f");
            case DOUBLE:
                return pick("0.0", "1.0", "(-0.5)", "3.141592653589793", "1e300", "Double.MIN_VALUE", "(-7.25)", "0.1");
            case BOOLEAN:
                return pick("true", "false");
            case STRING:
                return pick("\"\"", "\"a\"", "\"b\"", "\"xyz\"", "\"q\\\"t\"", "\"hello\"");
            case INTS:
                return "(new int[] {" + n(9) + ", " + (n(9) - 4) + ", 3, 4})";
            case LONGS:
                return "(new long[] {" + n(9) + "L, 5L, " + (n(99) - 50) + "L, 8L})";
            case DOUBLES:
                return "(new double[] {0.5, " + n(9) + ".25, -1.0, 2.0})";
            case PAIR:
                return "new Pair(" + n(50) + "L, \"" + (char) ('a' + n(26)) + "\")";
            case OP:
                return "new Twice()";
            default:
                throw new AssertionError(t);
        }
    }

    /** An {@code Op} value where a target type is known: a lambda, method reference, anonymous or named class. */
    private String opValue() {
        switch (n(6)) {
            case 0, 1: {
                boolean saved = inLambda;
                int savedThrows = mayThrow;
                inLambda = true;
                String x = "x" + names++;
                scope.add(new Var(x, Type.LONG, false, true, false));
                String body = "(" + expr(Type.LONG, 2) + " + pauseJ(" + x + "))";
                scope.remove(scope.size() - 1);
                inLambda = saved;
                mayThrow = savedThrows;
                return x + " -> " + body;
            }
            case 2:
                return "Rt::triple";
            case 3: {
                boolean saved = inLambda;
                int savedThrows = mayThrow;
                inLambda = true;
                scope.add(new Var("x", Type.LONG, false, true, false));
                String body = expr(Type.LONG, 2);
                scope.remove(scope.size() - 1);
                inLambda = saved;
                mayThrow = savedThrows;
                return "new Op() { @Override public long apply(long x) throws Exception { pause(); return " + body + "; } }";
            }
            case 4: {
                String v = readable(Type.OP);
                return v != null ? v : "new Twice()";
            }
            default:
                return "new Twice()";
        }
    }

    /** An {@code Op} usable as a method-call receiver, where a bare lambda would have no target type. */
    private String opReceiver() {
        String v = readable(Type.OP);
        if (v != null && chance(0.7)) {
            return v;
        }
        return chance(0.5) ? "new Twice()" : "((Op) " + opValue() + ")";
    }

    // ------------------------------------------------------------------ shapes

    /**
     * One of the shapes beyond ordinary statements: values the rewriter must treat specially (null, float
     * fractions, wide arguments, every array kind, varargs, more than 256 local slots, recursion a thousand
     * deep), calls dispatched through supertypes, bridges and lambdas, continuations and generators driven
     * by the program, and suspensions jcoro must refuse, each with its predicted outcome
     * ({@code Rt.pauseRefused}).
     */
    private void shape() {
        spend(12);
        int k = shapes++;
        int before = mayThrow;
        // Most shapes call methods declared to throw Exception; those that do not restore the flag below.
        mayThrow |= THROWS_ANY;
        switch (n(16)) {
            case 0 -> {
                mayThrow = before;
                nullValues();
            }
            case 1 -> {
                mayThrow = before;
                fractionalFloats();
            }
            case 2 -> {
                mayThrow = before;
                wideArguments();
            }
            case 3 -> refusedInSynchronizedMethod(k);
            case 4 -> refusedInSynchronizedBlock();
            case 5 -> refusedInPlainLambda();
            case 6 -> refusedThroughPlainInterface(k);
            case 7 -> refusedThroughReflection(k);
            case 8 -> refusedThroughExcludedHelper(k);
            case 9 -> nestedContinuation();
            case 10 -> {
                mayThrow = before;
                generatorValues();
            }
            case 11 -> overrideThroughSupertype(k);
            case 12 -> genericBridge(k);
            case 13 -> {
                mayThrow = before;
                arraysAndVarargs();
            }
            case 14 -> lambdaCallingProgram();
            default -> {
                mayThrow = before;
                if (chance(0.5)) {
                    manyLocals(k);
                } else {
                    line("obs(deep(1000));");
                }
            }
        }
    }

    private void nullValues() {
        String o = "n" + names++;
        String t = "n" + names++;
        line("{");
        indent++;
        line("Object " + o + " = null;");
        line("String " + t + " = null;");
        line("obs(both(" + (chance(0.5) ? o : "null") + ", pauseS(" + expr(Type.STRING, 2) + ")));");
        line("pause();");
        line("obs(describe(" + o + ") + \"/\" + " + t + ");");
        indent--;
        line("}");
    }

    private void fractionalFloats() {
        String f = "f" + names++;
        line("{");
        indent++;
        line("float " + f + " = 2.5f + (float) " + expr(Type.INT, 2) + " / 4;");
        line("obs((0.75f + (float) " + expr(Type.INT, 2) + ") * 0.5f + pauseF(" + f + "));");
        line("pause();");
        line("obs(" + f + ");");
        indent--;
        line("}");
    }

    private void wideArguments() {
        line("obs(new Wide(" + expr(Type.LONG, 2) + ").mix(" + expr(Type.LONG, 2) + ", " + expr(Type.INT, 2) + ", "
                + expr(Type.DOUBLE, 2) + ", pauseJ(" + expr(Type.LONG, 2) + ")));");
    }

    /** A synchronized method whose callee pauses: refused as MONITOR, every finally below it run. */
    private void refusedInSynchronizedMethod(int k) {
        boolean instance = !current.isStatic && chance(0.5);
        extras.append("    @Suspendable\n    ").append(instance ? "" : "static ").append("synchronized long locked").append(k)
                .append("(long x) throws Exception {\n        obs(x);\n        return deepRefused(x, ").append(1 + n(3))
                .append(", \"MONITOR\");\n    }\n\n");
        guarded("locked" + k + "(" + expr(Type.LONG, 2) + ")");
    }

    private void refusedInSynchronizedBlock() {
        line("synchronized (" + (current.isStatic || chance(0.5) ? "Rt.class" : "this") + ") {");
        indent++;
        // A leaf argument: a pause inside it would be refused too, before deepRefused could run.
        guarded("deepRefused(" + leaf(Type.LONG) + ", " + n(3) + ", \"MONITOR\")");
        indent--;
        line("}");
    }

    /** A lambda of a plain interface that calls a suspendable method: refused as PLAIN_CALLER. */
    private void refusedInPlainLambda() {
        String x = "x" + names++;
        guarded("viaPlain(" + x + " -> deepRefused(" + x + ", " + n(3) + ", \"PLAIN_CALLER\"), " + expr(Type.LONG, 2) + ")");
    }

    /**
     * A suspension through a plain interface, refused once the capture reaches the first instrumented frame
     * above the uninstrumented call: {@code outer} to {@code guard}. The frames below that call have saved
     * themselves and run no finally, so they have none here.
     */
    private void refusedThroughPlainInterface(int k) {
        extras.append("    static final class Plain").append(k).append(" implements PlainOp {\n")
                .append("        @Suspendable\n        public long apply(long x) throws Exception {\n")
                .append("            obs(x);\n            pauseRefused(\"UNINSTRUMENTED_FRAME\");\n            return x;\n        }\n    }\n\n");
        guardedThrough(k, "viaPlain(new Plain" + k + "(), x)");
    }

    private void refusedThroughReflection(int k) {
        extras.append("    @Suspendable\n    public static long reflected").append(k).append("(long x) throws Exception {\n")
                .append("        obs(x);\n        pauseRefused(\"UNINSTRUMENTED_FRAME\");\n        return x;\n    }\n\n");
        guardedThrough(k, "invokeStatic(" + simpleName + ".class, \"reflected" + k + "\", x)");
    }

    private void refusedThroughExcludedHelper(int k) {
        guardedThrough(k, "(Long) dev.jcoro.uninstrumented.Excluded.relay(() -> { obs(x); pauseRefused(\"UNINSTRUMENTED_FRAME\"); return x; })");
    }

    /** {@code outerK} calls {@code guardK}, which makes {@code call}; the statement expects the refusal. */
    private void guardedThrough(int k, String call) {
        extras.append("    @Suspendable\n    static long guard").append(k).append("(long x) throws Exception {\n        return ")
                .append(call).append(";\n    }\n\n    @Suspendable\n    static long outer").append(k)
                .append("(long x) throws Exception {\n        return guard").append(k).append("(x);\n    }\n\n");
        guarded("outer" + k + "(" + expr(Type.LONG, 2) + ")");
    }

    /** Observes {@code call}, expecting the documented refusal; the finally shows the unwinding went on. */
    private void guarded(String call) {
        line("try {");
        indent++;
        line("obs(" + call + ");");
        indent--;
        line("} catch (IllegalStateException e) {");
        line("    refused(e);");
        line("} finally {");
        line("    obs(\"after\");");
        line("}");
    }

    /** A continuation the program drives itself; sometimes with a refusal inside it. */
    private void nestedContinuation() {
        boolean saved = inLambda;
        inLambda = true;
        String body = "obs(" + expr(Type.LONG, 2) + "); pause(); obs(pauseJ(" + expr(Type.LONG, 2) + "));";
        if (chance(0.3)) {
            body += " synchronized (Rt.class) { try { obs(deepRefused(1L, 1, \"MONITOR\")); } catch (IllegalStateException e) { refused(e); } }";
        }
        String result = expr(Type.LONG, 2);
        inLambda = saved;
        line("obs(describe(nested(() -> { " + body + " return " + result + "; })));");
    }

    /** A generator the program drives: every emit suspends it (a pause without an emit would end it). */
    private void generatorValues() {
        boolean saved = inLambda;
        inLambda = true;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1 + n(3); i++) {
            body.append("out.emit(").append(leaf(Type.LONG)).append("); ");
        }
        inLambda = saved;
        line("obs(generated(out -> { " + body + "}));");
    }

    private void overrideThroughSupertype(int k) {
        extras.append("    static final class Animal").append(k).append(" extends Animal {\n")
                .append("        @Override\n        public long speak(long x) throws Exception {\n")
                .append("            return pauseJ(x) * ").append(2 + n(5)).append(" + 1;\n        }\n    }\n\n");
        line("{");
        indent++;
        line("Animal a" + k + " = new Animal" + k + "();");
        line("obs(a" + k + ".twice(" + expr(Type.LONG, 2) + ") + a" + k + ".speak(pauseJ(" + expr(Type.LONG, 2) + ")));");
        indent--;
        line("}");
    }

    private void genericBridge(int k) {
        extras.append("    static final class Fn").append(k).append(" implements Fn<String> {\n")
                .append("        @Override\n        public String apply(String x) throws Exception {\n")
                .append("            return cut(pauseS(x) + \"").append(k).append("\");\n        }\n    }\n\n");
        line("obs(applyFn(new Fn" + k + "(), " + expr(Type.STRING, 2) + "));");
    }

    private void arraysAndVarargs() {
        String b = "a" + names++;
        line("{");
        indent++;
        line("byte[] " + b + "b = {(byte) " + expr(Type.INT, 2) + ", 2};");
        line("char[] " + b + "c = {'x', (char) ('a' + (" + expr(Type.INT, 2) + " & 7))};");
        line("short[] " + b + "s = {(short) " + expr(Type.INT, 2) + ", -3};");
        line("float[] " + b + "f = {0.5f, (float) " + expr(Type.DOUBLE, 2) + "};");
        line("long[][] " + b + "m = {{" + expr(Type.LONG, 2) + ", 1L}, {2L}};");
        line("Object[] " + b + "o = {" + b + "b, \"s\", null, " + b + "m};");
        line(b + "m[1][0] += pauseJ(" + b + "b[0] + " + b + "c[1] + " + b + "s[0]);");
        line(b + "f[0] *= pauseF(" + b + "f[1]);");
        line("obs(sumAll(" + b + "m[0][0], pauseJ(" + expr(Type.LONG, 2) + "), " + b + "s[1]));");
        line("pause();");
        line("obs(describe(" + b + "b) + describe(" + b + "c) + describe(" + b + "s) + describe(" + b + "f) + describe(" + b + "o));");
        indent--;
        line("}");
    }

    /** A statement lambda and an anonymous class of a suspendable interface that call back into the program. */
    private void lambdaCallingProgram() {
        String x = "x" + names++;
        line("{");
        indent++;
        line("Op o" + x + " = " + x + " -> { long t = pauseJ(" + x + "); " + (current.isStatic ? "" : "fJ += t; ")
                + "return t * 3 + sumAll(t, 1L); };");
        line("Op q" + x + " = new Op() { @Override public long apply(long y) throws Exception { return o" + x + ".apply(y) + 1; } };");
        line("obs(q" + x + ".twice(" + expr(Type.LONG, 2) + "));");
        indent--;
        line("}");
    }

    /** A method with more than 256 local slots (its loads and stores need {@code wide}) that pauses among them. */
    private void manyLocals(int k) {
        StringBuilder m = new StringBuilder("    @Suspendable\n    static long many").append(k).append("(long seed) {\n");
        // 130 longs: 260 slots, past the 256 that plain loads and stores can reach.
        for (int i = 0; i < 130; i++) {
            m.append("        long w").append(i).append(" = seed * ").append(i + 1).append("L + ").append(i).append(";\n");
        }
        m.append("        pause();\n        long s = 0;\n");
        for (int i = 0; i < 130; i += 13) {
            m.append("        s = s * 31 + w").append(i).append(" + pauseJ(w").append(i + 1).append(");\n");
        }
        m.append("        return s + w129;\n    }\n\n");
        extras.append(m);
        line("obs(many" + k + "(" + expr(Type.LONG, 2) + "));");
    }

    // ------------------------------------------------------------------ calls

    /** A method the current one may call and afford, returning {@code want} (any, when null). */
    private Method callee(Type want) {
        if (inLambda) {
            return null;
        }
        List<Method> ok = new ArrayList<>();
        for (Method m : methods) {
            boolean after = current.index < 0 ? m.index == 0 : m.index > current.index;
            if (!after || (current.isStatic && !m.isStatic) || m.cost == 0) {
                continue;
            }
            if (want == null ? false : m.ret == null || m.ret.comp() != want) {
                continue;
            }
            if (cost + mult * m.cost > budget) {
                continue;
            }
            ok.add(m);
        }
        return ok.isEmpty() ? null : ok.get(n(ok.size()));
    }

    /** A call of {@code m}; its arguments are no deeper than {@code depth}, so that calls nested in arguments end. */
    private String callExpr(Method m, int depth) {
        spend(m.cost);
        mayThrow |= THROWS_ANY;
        List<String> args = new ArrayList<>();
        if (m.maxDepth >= 0) {
            args.add(Integer.toString(n(m.maxDepth + 1)));
        }
        for (Type t : m.params) {
            args.add(argument(t, depth));
        }
        return m.name + "(" + String.join(", ", args) + ")";
    }

    // ------------------------------------------------------------------ helpers

    private void spend(int steps) {
        cost += mult * steps;
    }

    private Type printableType() {
        Type t;
        do {
            t = ALL[n(ALL.length)];
        } while (!t.printable());
        return t;
    }

    private String index() {
        return "(" + expr(Type.INT, 1) + " & 3)";
    }

    private Var writable(java.util.function.Predicate<Type> filter) {
        List<Var> candidates = new ArrayList<>();
        for (Var v : scope) {
            if (v.writable && (filter == null || filter.test(v.type)) && (!inLambda || v.isField)) {
                candidates.add(v);
            }
        }
        return candidates.isEmpty() ? null : candidates.get(n(candidates.size()));
    }

    private String readable(Type t) {
        List<Var> candidates = new ArrayList<>();
        for (Var v : scope) {
            if (v.type == t && (!inLambda || v.isFinal || v.isField)) {
                candidates.add(v);
            }
        }
        return candidates.isEmpty() ? null : candidates.get(n(candidates.size())).name;
    }

    private static boolean isStaticField(Var f) {
        return Character.isUpperCase(f.name.charAt(0));
    }

    private void truncate(int mark) {
        while (scope.size() > mark) {
            scope.remove(scope.size() - 1);
        }
    }

    private void line(String s) {
        out.append("    ".repeat(indent)).append(s).append('\n');
    }

    /** Expression depth for a statement: mostly small, so that javac's time goes into many programs, not long lines. */
    private int deep() {
        return chance(0.3) ? 3 : 2;
    }

    /** Chance {@code p} inside a try block, far less outside, so that most programs run to their end. */
    private boolean risky(double p) {
        return chance(tries > 0 ? p : p / 8);
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    private int n(int bound) {
        return rnd.nextInt(bound);
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[n(options.length)];
    }
}
