package dev.jcoro.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcoro.Coroutines;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScanTest {
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
    void scanVisitsEveryOneOfTenThousandKeys() throws Exception {
        Coroutines.run(() -> {
            try (RedisClient c = RedisClient.connect(server.uri())) {
                Set<String> expected = new HashSet<>();
                Map<String, String> batch = new LinkedHashMap<>();
                for (int i = 0; i < 10_000; i++) {
                    String key = "scan:" + i;
                    expected.add(key);
                    batch.put(key, Integer.toString(i));
                    if (batch.size() == 1000) {
                        c.mset(batch);
                        batch.clear();
                    }
                }
                c.set("other:1", "not matched");
                Set<String> seen = new HashSet<>();
                int pages = 0;
                for (ScanIterator it = c.scan("scan:*", 500); it.hasNext(); ) {
                    seen.add(it.next());
                    pages++;
                }
                assertEquals(expected, seen);
                assertEquals(10_000, pages, "SCAN may repeat keys, but not on an unchanging keyspace");

                Set<String> all = new HashSet<>();
                for (ScanIterator it = c.scan(); it.hasNext(); ) {
                    all.add(it.next());
                }
                assertEquals(10_001, all.size());

                ScanIterator none = c.scan("no-such-prefix:*", 1000);
                assertFalse(none.hasNext());
                assertThrows(NoSuchElementException.class, none::next);
            }
            return null;
        });
    }
}
