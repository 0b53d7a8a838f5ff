package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Continuation;
import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.sync.Channel;
import dev.jcoro.sync.ChannelClosedException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs without -javaagent: every suspension here works only because the plugin rewrote the classes. */
class CountdownTest {

    @Test
    void mainCodePausesAtEachNumber() {
        List<Integer> seen = new ArrayList<>();
        Continuation c = new Continuation(() -> Countdown.count(3, seen));
        c.resume();
        assertEquals(List.of(3), seen);
        assertFalse(c.isDone());
        c.resume();
        c.resume();
        assertEquals(List.of(3, 2, 1), seen);
        assertFalse(c.isDone());
        c.resume();
        assertTrue(c.isDone());
    }

    @Suspendable
    private static void twoSteps(List<String> out) {
        out.add("first");
        Continuation.suspend();
        out.add("second");
    }

    @Test
    void testCodeIsInstrumentedByInstrumentTests() {
        List<String> out = new ArrayList<>();
        Continuation c = new Continuation(() -> twoSteps(out));
        c.resume();
        assertEquals(List.of("first"), out);
        c.resume();
        assertEquals(List.of("first", "second"), out);
        assertTrue(c.isDone());
    }

    @Suspendable
    private static List<Integer> drain(Channel<Integer> channel) {
        List<Integer> got = new ArrayList<>();
        try {
            while (true) {
                got.add(channel.receive());
            }
        } catch (ChannelClosedException closed) {
            return got;
        }
    }

    @Test
    void coroutinesHandValuesThroughARendezvousChannel() throws Exception {
        List<Integer> received = Coroutines.run(() -> {
            Channel<Integer> channel = new Channel<>(0);
            Task<List<Integer>> consumer = Coroutines.launch(() -> drain(channel));
            Countdown.produce(channel, 5);
            return consumer.join();
        });
        assertEquals(List.of(1, 2, 3, 4, 5), received);
    }
}
