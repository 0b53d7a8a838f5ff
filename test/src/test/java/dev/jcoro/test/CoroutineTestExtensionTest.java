package dev.jcoro.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.jcoro.test.fixtures.FailingFixture;
import dev.jcoro.test.fixtures.LeakingFixture;
import dev.jcoro.test.fixtures.StuckFixture;
import dev.jcoro.test.fixtures.TidyFixture;
import dev.jcoro.test.uninstrumented.UninstrumentedFixture;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** Runs fixture test classes through the Jupiter engine and checks how each of their tests ended. */
class CoroutineTestExtensionTest {
    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
    }

    private static Throwable onlyFailure(Events tests) {
        tests.assertStatistics(s -> s.started(1).succeeded(0).failed(1));
        return tests.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @Test
    void aCoroutineLeftRunningFailsTheTestWithItsDump() {
        Throwable failure = onlyFailure(run(LeakingFixture.class));
        String message = failure.getMessage();
        assertInstanceOf(AssertionError.class, failure);
        assertTrue(message.contains("LeakingFixture.forgetsASleeper left 1 coroutine running"), message);
        assertTrue(message.contains("suspended: sleep PT1H"), message);
        assertTrue(message.contains("LeakingFixture.napForAnHour"), message);
    }

    @Test
    void aTestThatDoesNotEndInRealTimeFailsWithTheDump() {
        Throwable failure = onlyFailure(run(StuckFixture.class));
        String message = failure.getMessage();
        assertTrue(message.contains("StuckFixture.waitsForMailForever did not end within 1 s of real time"), message);
        assertTrue(message.contains("StuckFixture.waitsForMailForever"), message);
        assertTrue(message.contains("receive"), message);
        assertEquals(0, failure.getSuppressed().length, "the timeout's dump is not repeated as a leak");
    }

    @Test
    void anAssertionThatFailsAfterASuspensionReachesJUnitUnchanged() {
        Throwable failure = onlyFailure(run(FailingFixture.class));
        assertInstanceOf(AssertionFailedError.class, failure);
        assertEquals("expected: <expected> but was: <actual>", failure.getMessage());
        assertEquals(0, failure.getSuppressed().length);
    }

    @Test
    void aTestThatJoinsOrCancelsWhatItLaunchesPassesAndPlainTestsRunAsUsual() {
        run(TidyFixture.class).assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    }

    @Test
    void anUninstrumentedTestClassIsRefusedWithWhatToDo() {
        Throwable failure = onlyFailure(run(UninstrumentedFixture.class));
        String message = failure.getMessage();
        assertInstanceOf(IllegalStateException.class, failure);
        assertTrue(message.contains("UninstrumentedFixture was not instrumented"), message);
        assertTrue(message.contains("-javaagent:jcoro-agent.jar"), message);
    }
}
