package dev.jcoro.instrument.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void noArgumentMeansDefaults() {
        for (String args : new String[] {null, "", "  ", ",,"}) {
            AgentOptions o = AgentOptions.parse(args);
            assertFalse(o.verbose(), args);
            assertNull(o.dumpDir(), args);
            assertEquals(List.of(), o.includes(), args);
            assertEquals(List.of(), o.excludes(), args);
        }
    }

    @Test
    void everyOptionIsParsedTrimmedAndPackagesBecomeInternalPrefixes() {
        AgentOptions o = AgentOptions.parse(" verbose , dump=/tmp/jcoro-dump,include=com.acme, include=org.example.app ,exclude=com.acme.gen");
        assertTrue(o.verbose());
        assertEquals(Path.of("/tmp/jcoro-dump"), o.dumpDir());
        assertEquals(List.of("com/acme", "org/example/app"), o.includes());
        assertEquals(List.of("com/acme/gen"), o.excludes());
    }

    @Test
    void unknownOptionIsRefusedNamingItAndTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("verbose,dumps=/tmp"));
        assertEquals("jcoro agent: unknown option 'dumps=/tmp'; known options: verbose, dump=DIR, include=PACKAGE, exclude=PACKAGE",
                e.getMessage());
    }

    @Test
    void jdkAndTheAgentItselfAreNeverAccepted() {
        AgentOptions everything = AgentOptions.parse("include=java,include=dev.jcoro");
        for (String name : List.of("java/util/List", "javax/swing/JFrame", "jdk/internal/misc/Unsafe", "sun/misc/Unsafe",
                "com/sun/net/httpserver/HttpServer", "dev/jcoro/instrument/ClassInstrumenter", "dev/jcoro/shaded/asm/ClassReader")) {
            assertFalse(everything.accepts(name), name);
        }
        // jcoro's own runtime suspends too (Generator, the scheduler), so it is rewritten like user code.
        assertTrue(everything.accepts("dev/jcoro/Generator"));
    }

    @Test
    void withoutIncludesEveryPackageOutsideTheJdkIsAccepted() {
        AgentOptions o = AgentOptions.parse("exclude=com.acme.gen");
        assertTrue(o.accepts("com/acme/App"));
        assertTrue(o.accepts("Main"));
        assertFalse(o.accepts("com/acme/gen/Stub"));
    }

    @Test
    void includesRestrictAndExcludesWinOverIncludes() {
        AgentOptions o = AgentOptions.parse("include=com.acme,exclude=com.acme.gen");
        assertTrue(o.accepts("com/acme/App"));
        assertFalse(o.accepts("org/other/App"));
        assertFalse(o.accepts("com/acme/gen/Stub"));
    }
}
