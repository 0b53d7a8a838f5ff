package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CoroutineLocalTest {
    static final CoroutineLocal<String> REQUEST = new CoroutineLocal<>();
    static final CoroutineLocal<Integer> DEPTH = new CoroutineLocal<>(0);

    @Test
    void eachCoroutineKeepsItsOwnValueAcrossEverySuspension() throws Exception {
        try (Scheduler s = Scheduler.create(2)) {
            List<Task<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "req-" + i;
                tasks.add(s.launch(() -> {
                    REQUEST.set(id);
                    StringBuilder seen = new StringBuilder();
                    for (int k = 0; k < 5; k++) {
                        Coroutines.sleep(Duration.ofMillis(1));   // others set theirs meanwhile
                        Coroutines.yieldNow();
                        seen.append(REQUEST.get().equals(id) ? "." : "!");
                    }
                    return seen.toString();
                }));
            }
            for (Task<String> t : tasks) {
                assertEquals(".....", t.join());
            }
        }
    }

    @Test
    void childrenInheritTheValueAtLaunchAndTheirChangesStayTheirs() throws Exception {
        String[] seen = Coroutines.run(() -> {
            REQUEST.set("parent");
            Task<String> child = Coroutines.launch(() -> {
                String inherited = REQUEST.get();
                REQUEST.set("child");
                return inherited;
            });
            String inChild = child.join();
            String inTimeout = Coroutines.withTimeout(Duration.ofSeconds(5), REQUEST::get);
            String inScope = Coroutines.scope(scope -> scope.launch(REQUEST::get).join());
            String inOffload = Coroutines.offload(REQUEST::get);
            return new String[] {inChild, REQUEST.get(), inTimeout, inScope, inOffload};
        });
        assertEquals(List.of("parent", "parent", "parent", "parent", "parent"), List.of(seen));
    }

    @Test
    void withSetsTheValueForTheBodyAndPutsTheOldOneBack() throws Exception {
        List<Integer> seen = Coroutines.run(() -> {
            List<Integer> out = new ArrayList<>();
            out.add(DEPTH.get());
            DEPTH.with(1, () -> {
                out.add(DEPTH.get());
                Coroutines.sleep(Duration.ofMillis(1));
                return DEPTH.with(2, () -> out.add(DEPTH.get()));
            });
            out.add(DEPTH.get());
            return out;
        });
        assertEquals(List.of(0, 1, 2, 0), seen);
    }

    @Test
    void aPlainThreadHasItsOwnValuesAndHandsThemToWhatItLaunches() throws Exception {
        REQUEST.set("main thread");
        try (Scheduler s = Scheduler.create(1)) {
            assertEquals("main thread", s.launch(REQUEST::get).join());
        } finally {
            REQUEST.remove();
        }
        assertNull(REQUEST.get());
    }
}
