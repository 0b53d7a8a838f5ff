package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Continuation;
import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import dev.jcoro.uninstrumented.Bodies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Code that was not instrumented (no agent, or its class excluded) is refused at its first suspension
 * with the real cause, and never runs twice.
 */
class WithoutAgentTest {
    @BeforeEach
    void reset() {
        Bodies.runs = 0;
    }

    @Test
    void anExcludedBodyThatSuspendsIsRefusedNamingItsClassAndTheExclusion() {
        Continuation c = new Continuation(Bodies.suspendsDirectly());
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().startsWith("Pinned: UNINSTRUMENTED_FRAME: cannot suspend: the continuation body "
                + "a lambda or method reference of dev.jcoro.uninstrumented.Bodies is not instrumented"), e.getMessage());
        assertTrue(e.getMessage().contains("dev.jcoro.uninstrumented.Bodies is not instrumented although the jcoro agent runs: "
                + "is the class excluded"), e.getMessage());
        assertEquals(1, Bodies.runs);
    }

    @Test
    void anExcludedCoroutineBodyIsRefusedAndRunsOnce() {
        Exception e = assertThrows(Exception.class, () -> Coroutines.run(Bodies.sleeps()));
        assertTrue(String.valueOf(e.getMessage()).contains("dev.jcoro.uninstrumented.Bodies is not instrumented"), String.valueOf(e));
        assertEquals(1, Bodies.runs, "never run a second time");
    }

    @Test
    void anExcludedCoroutineBodyWithoutAResultIsRefusedNamingItsClassAndRunsOnce() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            Task<Void> t = s.launch(Bodies.sleepsWithoutAResult());
            IllegalStateException e = assertThrows(IllegalStateException.class, t::join);
            assertTrue(e.getMessage().startsWith("Pinned: UNINSTRUMENTED_FRAME: cannot suspend: the continuation body "
                    + "a lambda or method reference of dev.jcoro.uninstrumented.Bodies"), e.getMessage());
            assertTrue(e.getMessage().contains("dev.jcoro.uninstrumented.Bodies is not instrumented"), e.getMessage());
        }
        assertEquals(1, Bodies.runs, "never run a second time");
    }

    @Test
    void withoutTheAgentTheBodyIsRefusedOnceAndTheMessageSaysTheAgentIsMissing() throws Exception {
        String classpath = System.getProperty("java.class.path");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                Bodies.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        assertTrue(output.contains("refused: java.lang.IllegalStateException: Pinned: UNINSTRUMENTED_FRAME"), output);
        assertTrue(output.contains("the jcoro agent is not running: is -javaagent:jcoro-agent.jar missing"), output);
        assertTrue(output.contains("runs: 1"), output);
    }
}
