package dev.jcoro.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many coroutines share one connection; every reply reaches the command it answers. */
class PipeliningTest {
    private static RedisServer server;

    @BeforeAll
    static void startServer() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void thousandCoroutinesEachGetTheirOwnValuesOverOneConnection() throws Exception {
        int coroutines = 1000;
        int rounds = 10;
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(RedisOptions.builder(server.uri()).clientName("pipelined").build())) {
                List<Task<Integer>> tasks = new ArrayList<>();
                for (int i = 0; i < coroutines; i++) {
                    int id = i;
                    tasks.add(Coroutines.launch(() -> {
                        String key = "pipe:" + id;
                        int checked = 0;
                        for (int r = 0; r < rounds; r++) {
                            String value = id + "/" + r;
                            c.set(key, value);
                            assertEquals(value, c.get(key), "coroutine " + id + " round " + r);
                            assertEquals(r + 1, c.incr(key + ":n"), "coroutine " + id + " counter");
                            checked++;
                        }
                        return checked;
                    }));
                }
                int total = 0;
                for (Task<Integer> t : tasks) {
                    total += t.join();
                }
                assertEquals(coroutines * rounds, total);
                String clients = c.command("CLIENT", "LIST").asText();
                long named = clients.lines().filter(l -> l.contains("name=pipelined ")).count();
                assertEquals(1, named, "all of that ran on one connection:\n" + clients);
            }
            return null;
        });
    }

    @Test
    void pipelineServesPlainThreadsWhenTheClientHasAScheduler() throws Exception {
        try (Scheduler scheduler = Scheduler.create(1)) {
            RedisClient c = RedisClient.connect(RedisOptions.builder(server.uri()).scheduler(scheduler).build());
            try {
                List<Thread> threads = new ArrayList<>();
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int t = 0; t < 8; t++) {
                    int id = t;
                    Thread thread = new Thread(() -> {
                        try {
                            for (int i = 0; i < 200; i++) {
                                c.set("thread:" + id, "v" + i);
                                assertEquals("v" + i, c.get("thread:" + id));
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    });
                    threads.add(thread);
                    thread.start();
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                assertEquals(List.of(), failures);
            } finally {
                c.close();
            }
        }
    }
}
