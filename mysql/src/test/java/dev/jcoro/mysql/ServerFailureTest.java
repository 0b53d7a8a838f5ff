package dev.jcoro.mysql;

import static dev.jcoro.mysql.testing.Suspending.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Task;
import dev.jcoro.mysql.testing.MariaDbServer;
import dev.jcoro.mysql.testing.TestDb;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A server that dies under the client: this test starts (and kills) its own MariaDB. */
class ServerFailureTest {

    @Test
    void aServerKilledMidQueryFailsWaitingAndStreamingStatementsWithAClearIOException() throws Exception {
        try (MariaDbServer own = MariaDbServer.start()) {
            Coroutines.run(() -> {
                MySqlConnection sleeping = MySqlConnection.connect(TestDb.options(own).build());
                MySqlConnection streaming = MySqlConnection.connect(TestDb.options(own).build());
                RowCursor rows = streaming.query("SELECT seq, REPEAT('x', 100) FROM seq_1_to_1000000");
                for (int i = 0; i < 10; i++) {
                    rows.next();
                }
                Task<Void> killer = Coroutines.launch(() -> {
                    Coroutines.sleep(Duration.ofMillis(300));
                    Coroutines.offload(() -> {
                        own.kill();
                        return null;
                    });
                    return null;
                });
                IOException waiting = assertThrows(IOException.class, () -> sleeping.query("SELECT SLEEP(60)").list());
                killer.join();
                assertTrue(waiting.getMessage().contains("the server closed the connection")
                        || waiting.getMessage().contains("reset"), waiting.toString());
                assertFalse(sleeping.isOpen());
                IOException after = assertThrows(IOException.class, () -> sleeping.query("SELECT 1"));
                assertTrue(after.getMessage().contains("the connection is closed"), after.getMessage());

                IOException streamed = assertThrows(IOException.class, () -> {
                    while (rows.next()) {
                        rows.row();
                    }
                    return null;
                });
                assertTrue(streamed.getMessage().contains("the server closed the connection")
                        || streamed.getMessage().contains("reset"), streamed.toString());
                assertFalse(streaming.isOpen());
                return null;
            });
        }
    }
}
