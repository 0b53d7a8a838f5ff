package dev.jcoro.mysql.testing;

import dev.jcoro.Coroutines;
import dev.jcoro.mysql.ConnectionFunction;
import dev.jcoro.mysql.MySqlConnectOptions;
import dev.jcoro.mysql.MySqlConnection;

/** Options for the test server's users, and a way to run a test body as a coroutine with a connection. */
public final class TestDb {
    private TestDb() {
    }

    /** Options for {@link MariaDbServer#USER} on {@link MariaDbServer#DATABASE}. */
    public static MySqlConnectOptions.Builder options(MariaDbServer server) {
        return MySqlConnectOptions.builder().address(server.address()).user(MariaDbServer.USER)
                .password(MariaDbServer.PASSWORD).database(MariaDbServer.DATABASE);
    }

    /** Runs {@code body} as a coroutine on a fresh scheduler with a new connection, closed afterwards. */
    public static <T> T withConnection(MariaDbServer server, ConnectionFunction<T> body) throws Exception {
        return Coroutines.run(() -> {
            try (MySqlConnection conn = MySqlConnection.connect(options(server).build())) {
                return body.apply(conn);
            }
        });
    }
}
