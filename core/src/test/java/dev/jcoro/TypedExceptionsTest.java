package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed forms: each helper below compiles only because the call throws no more than its body declares
 * (none of them declares {@code throws Exception}); the tests check the values and exceptions at run time.
 */
@Timeout(60)
class TypedExceptionsTest {
    static int answerWithoutChecked() {
        return Coroutines.run(() -> 42);
    }

    static int answerOnTwoLoops() {
        return Coroutines.run(2, () -> 43);
    }

    @Suspendable
    static String readLine(boolean fail) throws IOException {
        Coroutines.sleep(Duration.ofMillis(1));
        if (fail) {
            throw new IOException("connection reset");
        }
        return "line";
    }

    static String bounded(boolean fail, Duration d) throws IOException {
        return Coroutines.run(() -> {
            try {
                return Coroutines.withTimeout(d, () -> readLine(fail));
            } catch (TimeoutException e) {
                return "timed out";
            }
        });
    }

    static byte[] load(Path p) throws IOException {
        return Coroutines.run(() -> Coroutines.offloadTyped(() -> Files.readAllBytes(p)));
    }

    static Optional<String> maybe(Duration d) {
        return Coroutines.run(() -> Coroutines.withTimeoutOrEmpty(d, () -> {
            Coroutines.sleep(Duration.ofMillis(50));
            return "slow";
        }));
    }

    @Test
    void aBodyWithoutCheckedExceptionsMakesRunThrowNone() {
        assertEquals(42, answerWithoutChecked());
        assertEquals(43, answerOnTwoLoops());
    }

    @Test
    void withTimeoutThrowsOnlyTimeoutAndWhatTheBodyDeclares() throws IOException {
        assertEquals("line", bounded(false, Duration.ofSeconds(5)));
        assertEquals("timed out", bounded(false, Duration.ZERO));
        IOException e = assertThrows(IOException.class, () -> bounded(true, Duration.ofSeconds(5)));
        assertEquals("connection reset", e.getMessage());
    }

    @Test
    void offloadThrowsWhatTheBlockingCallDeclares(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("data");
        Files.write(f, new byte[] {1, 2, 3});
        assertEquals(3, load(f).length);
        assertThrows(IOException.class, () -> load(dir.resolve("missing")));
    }

    @Test
    void withTimeoutOrEmptyGivesEmptyAtTheDeadline() {
        assertEquals(Optional.empty(), maybe(Duration.ofMillis(5)));
        assertEquals(Optional.of("slow"), maybe(Duration.ofSeconds(5)));
    }

    @Test
    void nonCancellableThrowsWhatItsBodyThrows() {
        UncheckedIOException boom = new UncheckedIOException(new IOException("x"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Coroutines.run(() ->
                Coroutines.nonCancellable(() -> {
                    throw boom;
                })));
        assertSame(boom, e);
    }

    @Test
    void runWithAChosenLoopCountStartsThatManyLoops() {
        String dump = Coroutines.run(3, Coroutines::dump);
        assertTrue(dump.contains("-loop-2:"), dump);
        assertTrue(!dump.contains("-loop-3:"), dump);
    }
}
