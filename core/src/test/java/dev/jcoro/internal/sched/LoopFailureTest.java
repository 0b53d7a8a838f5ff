package dev.jcoro.internal.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import dev.jcoro.sync.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LoopFailureTest {
    private static SchedulerImpl open(int loops) {
        return (SchedulerImpl) Scheduler.create(loops);
    }

    @Test
    void aLoopThatHitsAnInjectedErrorGoesOnServingAndLaterLaunchesAllRun() throws Exception {
        try (SchedulerImpl s = open(2)) {
            CountDownLatch hit = new CountDownLatch(2);
            for (EventLoop loop : s.loops) {
                loop.execute(() -> {
                    hit.countDown();
                    throw new Error("injected into " + loop.thread.getName());
                });
            }
            assertTrue(hit.await(10, TimeUnit.SECONDS));
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = i;
                tasks.add(s.launch(() -> {
                    Coroutines.sleep(Duration.ofMillis(1));
                    return n;
                }));
            }
            for (int i = 0; i < tasks.size(); i++) {
                assertEquals(i, tasks.get(i).join());
            }
        }
    }

    @Test
    void aTimerOrCompletionHandlerThatThrowsDoesNotStrandTheOthers() throws Exception {
        try (SchedulerImpl s = open(1)) {
            EventLoop loop = s.loops[0];
            loop.execute(() -> loop.schedule(loop.nanoTime(), () -> {
                throw new IllegalStateException("timer action fails");
            }));
            Coroutine<String> slow = (Coroutine<String>) s.launch(() -> {
                Coroutines.sleep(Duration.ofMillis(20));
                return "slow";
            });
            slow.onDone(() -> {
                throw new IllegalStateException("handler fails");
            });
            Task<String> joiner = s.launch(slow::join);
            assertEquals("slow", joiner.join());
            assertEquals("later", s.launch(() -> "later").join());
        }
    }

    @Test
    void aLoopThatFailsOnEveryTurnGivesUpItsCoroutinesFailWithTheCauseAndLaunchesGoElsewhere() throws Exception {
        List<String> undelivered = new CopyOnWriteArrayList<>();
        Channel<String> ch = new Channel<>(0, undelivered::add);
        try (SchedulerImpl s = open(2)) {
            EventLoop doomed = s.loops[0];
            CountDownLatch waiting = new CountDownLatch(1);
            Coroutine<String> receiver = s.launchOn(doomed, () -> {
                waiting.countDown();
                return ch.receive();
            });
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            Thread.sleep(20);
            Error boom = new Error("injected, every turn");
            doomed.execute(() -> {
                // The receiver gets its value (it is now ready to run), but the loop fails before it runs.
                assertTrue(ch.trySend("in flight"));
                new Runnable() {
                    @Override
                    public void run() {
                        doomed.execute(this);
                        throw boom;
                    }
                }.run();
            });
            Exception e = assertThrows(Exception.class, receiver::join);
            assertInstanceOf(LoopFailedException.class, e);
            assertSame(boom, e.getCause());
            assertEquals(List.of("in flight"), undelivered);
            doomed.thread.join(10_000);
            assertTrue(!doomed.thread.isAlive(), "the failed loop's thread ended");
            List<Task<Integer>> later = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                later.add(s.launch(() -> n));
            }
            for (int i = 0; i < later.size(); i++) {
                assertEquals(i, later.get(i).join());
            }
        }
    }
}
