package dev.jcoro.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The errors a client sees from a server that is part of a larger topology, on real servers: a read-only
 * replica, a cluster without its slots, and a cluster node that redirects to another.
 */
class TopologyErrorsTest {

    @Test
    void writeToAReplicaIsReadOnly() throws Exception {
        try (RedisServer primary = RedisServer.start();
             RedisServer replica = RedisServer.start("--replicaof", "127.0.0.1", Integer.toString(primary.port()))) {
            Coroutines.run(() -> {
                try (RedisClient c = RedisClient.connect(replica.uri())) {
                    RedisUnavailableException e = Expect.thrown(RedisUnavailableException.class, () -> {
                        c.set("k", "v");
                        return null;
                    });
                    assertEquals("READONLY", e.prefix());
                }
                return null;
            });
        }
    }

    @Test
    void clusterNodesAnswerClusterDownThenMovedWithTheOwnerOfTheSlot() throws Exception {
        try (RedisServer a = RedisServer.start("--cluster-enabled", "yes");
             RedisServer b = RedisServer.start("--cluster-enabled", "yes")) {
            Coroutines.run(() -> {
                try (RedisClient ca = RedisClient.connect(a.uri());
                     RedisClient cb = RedisClient.connect(b.uri())) {
                    RedisUnavailableException down = Expect.thrown(RedisUnavailableException.class, () -> ca.get("foo"));
                    assertEquals("CLUSTERDOWN", down.prefix());

                    ca.command("CLUSTER", "ADDSLOTSRANGE", "0", "8191");
                    cb.command("CLUSTER", "ADDSLOTSRANGE", "8192", "16383");
                    ca.command("CLUSTER", "MEET", "127.0.0.1", Integer.toString(b.port()));
                    assertEquals(12182, ca.command("CLUSTER", "KEYSLOT", "foo").asLong());
                    // Gossip takes a moment: wait until a knows that b serves the slot of "foo".
                    RedisRedirectException moved = null;
                    for (int i = 0; i < 200 && moved == null; i++) {
                        try {
                            ca.get("foo");
                        } catch (RedisRedirectException e) {
                            moved = e;
                        } catch (RedisUnavailableException notYet) {
                            Coroutines.sleep(Duration.ofMillis(50));
                        }
                    }
                    assertTrue(moved != null, "node a never redirected to node b");
                    assertEquals("MOVED", moved.prefix());
                    assertFalse(moved.isAsk());
                    assertEquals(12182, moved.slot());
                    assertEquals("127.0.0.1", moved.host());
                    assertEquals(b.port(), moved.port());
                }
                return null;
            });
        }
    }
}
