package dev.jcoro.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransactionTest {
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
    void execRunsTheQueuedCommandsAndFillsTheirResults() throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(server.uri())) {
                c.set("tx:stock", "10");
                Transaction tx = c.multi();
                Queued<Long> stock = tx.decrBy("tx:stock", 3);
                Queued<Long> orders = tx.incr("tx:orders");
                Queued<Void> set = tx.set("tx:last", "order-1");
                Queued<String> last = tx.get("tx:last");
                Queued<RespValue> generic = tx.queue("HSET", "tx:h", "f", "v");
                assertFalse(stock.isDone());
                assertThrows(IllegalStateException.class, stock::get);
                assertTrue(tx.exec());
                assertEquals(7, stock.get());
                assertEquals(1, orders.get());
                assertNull(set.get());
                assertEquals("order-1", last.get());
                assertEquals(1, generic.get().asLong());
                assertThrows(IllegalStateException.class, tx::exec);
                assertThrows(IllegalStateException.class, () -> tx.incr("x"));
            }
            return null;
        });
    }

    @Test
    void transactionsOfConcurrentCoroutinesDoNotInterleaveOnTheSharedConnection() throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(server.uri())) {
                List<Task<Long>> tasks = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int id = i;
                    tasks.add(Coroutines.launch(() -> {
                        Transaction tx = c.multi();
                        tx.set("tx:own:" + id, "a");
                        tx.rpush("tx:log", Integer.toString(id));
                        Queued<Long> second = tx.rpush("tx:log", Integer.toString(id));
                        // Plain commands of other coroutines interleave with the transactions, not inside them.
                        c.incr("tx:plain");
                        assertTrue(tx.exec());
                        return second.get();
                    }));
                }
                for (Task<Long> t : tasks) {
                    t.join();
                }
                List<String> log = c.lrange("tx:log", 0, -1);
                assertEquals(400, log.size());
                for (int i = 0; i < log.size(); i += 2) {
                    assertEquals(log.get(i), log.get(i + 1), "each transaction's two pushes are adjacent");
                }
                assertEquals("200", c.get("tx:plain"));
            }
            return null;
        });
    }

    @Test
    void aCommandRefusedWhileQueuedAbortsTheWholeTransaction() throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(server.uri())) {
                Transaction tx = c.multi();
                tx.set("tx:abort", "1");
                tx.queue("SET", "only-a-key");
                RedisExecAbortException e = Expect.thrown(RedisExecAbortException.class, tx::exec);
                assertEquals("EXECABORT", e.prefix());
                assertTrue(e.getMessage().contains("First refusal: ERR wrong number of arguments"), e.getMessage());
                assertNull(c.get("tx:abort"), "nothing of the transaction ran");
            }
            return null;
        });
    }

    @Test
    void aCommandFailingAtRunTimeFailsAloneSinceRedisDoesNotRollBack() throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(server.uri())) {
                c.set("tx:text", "not a number");
                Transaction tx = c.multi();
                Queued<Long> bad = tx.incr("tx:text");
                Queued<Long> good = tx.incr("tx:fine");
                assertTrue(tx.exec());
                RedisException e = assertThrows(RedisException.class, bad::get);
                assertEquals("ERR", e.prefix());
                assertEquals(1, good.get());
            }
            return null;
        });
    }

    @Test
    void watchAbortsTheTransactionWhenAWatchedKeyChanges() throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(server.uri())) {
                c.set("tx:balance", "100");
                try (RedisSession s = c.session()) {
                    s.watch("tx:balance");
                    long balance = Long.parseLong(s.get("tx:balance"));
                    c.set("tx:balance", "50");   // another writer, on the shared connection
                    Transaction tx = s.multi();
                    Queued<Void> write = tx.set("tx:balance", Long.toString(balance - 10));
                    assertFalse(tx.exec(), "the watched key changed, so nothing ran");
                    assertThrows(IllegalStateException.class, write::get);
                    assertEquals("50", c.get("tx:balance"));

                    s.watch("tx:balance");
                    balance = Long.parseLong(s.get("tx:balance"));
                    Transaction retry = s.multi();
                    retry.set("tx:balance", Long.toString(balance - 10));
                    assertTrue(retry.exec());
                    assertEquals("40", c.get("tx:balance"));
                }
            }
            return null;
        });
    }

    @Test
    void discardSendsNothing() throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(server.uri())) {
                Transaction tx = c.multi();
                tx.set("tx:discarded", "1");
                tx.discard();
                assertThrows(IllegalStateException.class, tx::exec);
                assertNull(c.get("tx:discarded"));
            }
            return null;
        });
    }
}
