package dev.jcoro.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.mysql.testing.MariaDbExtension;
import dev.jcoro.mysql.testing.MariaDbServer;
import dev.jcoro.mysql.testing.TestDb;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class ConnectTest {

    @Test
    void nativePasswordLoginOpensTheDatabaseAndReportsTheServer(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            assertEquals(server.version(), conn.serverVersion());
            Row row = conn.query("SELECT DATABASE(), CURRENT_USER(), CONNECTION_ID(), @@character_set_client, "
                    + "@@character_set_results, @@collation_connection").list().get(0);
            assertEquals(MariaDbServer.DATABASE, row.getString(0));
            assertEquals(MariaDbServer.USER + "@%", row.getString(1));
            assertEquals(conn.connectionId(), row.getLong(2));
            assertEquals("utf8mb4", row.getString(3));
            assertEquals("utf8mb4", row.getString(4));
            assertEquals("utf8mb4_general_ci", row.getString(5));
            return null;
        });
    }

    @Test
    void aUserWithoutPasswordLogsIn(MariaDbServer server) throws Exception {
        String user = Coroutines.run(() -> {
            try (MySqlConnection conn = MySqlConnection.connect(TestDb.options(server)
                    .user(MariaDbServer.NO_PASSWORD_USER).password(null).build())) {
                return conn.query("SELECT CURRENT_USER()").list().get(0).getString(0);
            }
        });
        assertEquals(MariaDbServer.NO_PASSWORD_USER + "@%", user);
    }

    @Test
    void ed25519UserLogsInThroughAnAuthSwitchRequest(MariaDbServer server) throws Exception {
        // The server's 32-byte nonce is random binary: about one login in eight gets a zero byte in it, which
        // a client reading it as a NUL-terminated string would cut short. Thirty logins meet one almost surely.
        for (int i = 0; i < 30; i++) {
            String user = Coroutines.run(() -> {
                try (MySqlConnection conn = MySqlConnection.connect(TestDb.options(server)
                        .user(MariaDbServer.ED25519_USER).password(MariaDbServer.ED25519_PASSWORD).build())) {
                    return conn.query("SELECT CURRENT_USER()").list().get(0).getString(0);
                }
            });
            assertEquals(MariaDbServer.ED25519_USER + "@%", user, "login " + i);
        }
    }

    @Test
    void aClientStartingWithCachingSha2IsSwitchedToNativePassword(MariaDbServer server) throws Exception {
        long one = Coroutines.run(() -> {
            try (MySqlConnection conn = MySqlConnection.connect(TestDb.options(server)
                    .authPlugin("caching_sha2_password").build())) {
                return conn.query("SELECT 1").list().get(0).getLong(0);
            }
        });
        assertEquals(1, one);
    }

    @Test
    void aWrongPasswordIsAServerErrorWithCodeAndState(MariaDbServer server) {
        MySqlException e = assertThrows(MySqlException.class, () -> Coroutines.run(() ->
                MySqlConnection.connect(TestDb.options(server).password("wrong").build())));
        assertEquals(1045, e.getErrorCode());
        assertEquals("28000", e.getSQLState());
        assertTrue(e.serverMessage().startsWith("Access denied for user 'jcoro'"), e.getMessage());
    }

    @Test
    void anUnknownDatabaseIsAServerError(MariaDbServer server) {
        MySqlException e = assertThrows(MySqlException.class, () -> Coroutines.run(() ->
                MySqlConnection.connect(TestDb.options(server).database("no_such_db").build())));
        assertEquals(1044, e.getErrorCode());   // no grant on it, so "access denied to database"
        assertEquals("42000", e.getSQLState());
    }

    @Test
    void noServerOnThePortIsAnIOException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closedPort = port;
        IOException e = assertThrows(IOException.class, () -> Coroutines.run(() ->
                MySqlConnection.connect(MySqlConnectOptions.builder().port(closedPort).build())));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void aServerThatNeverGreetsTimesOutTheLogin() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class, () -> Coroutines.run(() ->
                    MySqlConnection.connect(MySqlConnectOptions.builder().port(silent.getLocalPort())
                            .connectTimeout(Duration.ofMillis(300)).build())));
            assertTrue(e.getMessage().contains("longer than the connect timeout of 300 ms"), e.getMessage());
        }
    }

    @Test
    void closeEndsTheSessionOnTheServer(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, observer -> {
            MySqlConnection conn = MySqlConnection.connect(TestDb.options(server).build());
            long id = conn.connectionId();
            conn.ping();
            conn.close();
            assertFalse(conn.isOpen());
            for (int i = 0; i < 100; i++) {
                long n = observer.query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?", id)
                        .list().get(0).getLong(0);
                if (n == 0) {
                    return null;
                }
                Coroutines.sleep(Duration.ofMillis(10));
            }
            throw new AssertionError("session " + id + " still listed a second after close");
        });
    }
}
