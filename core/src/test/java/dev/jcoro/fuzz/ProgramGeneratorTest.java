package dev.jcoro.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgramGeneratorTest {
    @Test
    void sameSeedGivesTheSameSource() {
        long seed = DifferentialFuzzTest.programSeed(42, 7);
        assertEquals(SourcePrinter.print(ProgramGenerator.generate(seed, "P")),
                SourcePrinter.print(ProgramGenerator.generate(seed, "P")));
    }

    @Test
    void neighbouringSeedsGiveDifferentPrograms() {
        assertNotEquals(ProgramGenerator.generate(DifferentialFuzzTest.programSeed(42, 7), "P").members(),
                ProgramGenerator.generate(DifferentialFuzzTest.programSeed(42, 8), "P").members());
    }

    @Test
    void programsCompileAndRunAsPlainJavaToTheSameResultTwice() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            GeneratedProgram p = ProgramGenerator.generate(DifferentialFuzzTest.programSeed(1, i), "Q" + i);
            sources.put(SourcePrinter.className(p), SourcePrinter.print(p));
        }
        Map<String, byte[]> classes = new InMemoryCompiler().compile(sources);
        ProgramLoader loader = new ProgramLoader(getClass().getClassLoader(), classes);
        java.util.Set<String> traces = new java.util.HashSet<>();
        try (ProgramRunner runner = new ProgramRunner()) {
            for (String name : sources.keySet()) {
                Class<?> c = Class.forName(name, false, loader);
                Outcome first = runner.runPlain(c);
                // Deterministic: the trace depends on nothing but the program (no identity hashes, no clocks).
                assertEquals(first.text(), runner.runPlain(c).text(), name);
                String trace = first.text().substring(first.text().indexOf(" | ") + 3);
                assertTrue(trace.split(" ").length >= 10, name + " observed almost nothing: " + first.text());
                traces.add(first.text());
            }
        }
        assertTrue(traces.size() >= 18, "only " + traces.size() + " different results from 20 programs");
    }

    @Test
    void everyShapeAppearsAmongThreeHundredPrograms() {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            all.append(ProgramGenerator.generate(DifferentialFuzzTest.programSeed(5, i), "P").members());
        }
        for (String shape : List.of("Object n", "pauseF(f", "new Wide(", "synchronized long locked", "synchronized (",
                "\"PLAIN_CALLER\"", "implements PlainOp", "invokeStatic(", "Excluded.relay(", "nested(() ->",
                "generated(out ->", "extends Animal", "implements Fn<String>", "long[][]", "sumAll(", "new Op() {",
                "long w129", "deep(1000)")) {
            assertTrue(all.indexOf(shape) >= 0, "no program has the shape " + shape);
        }
    }

    @Test
    void everyProgramHasSuspensionPoints() {
        for (int i = 0; i < 200; i++) {
            String members = ProgramGenerator.generate(DifferentialFuzzTest.programSeed(3, i), "P").members();
            assertTrue(members.contains("pause"), "program " + i + " never pauses");
        }
    }
}
