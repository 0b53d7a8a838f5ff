package dev.jcoro.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.mysql.testing.MariaDbExtension;
import dev.jcoro.mysql.testing.MariaDbServer;
import dev.jcoro.mysql.testing.TestDb;
import dev.jcoro.net.TlsContexts;
import java.io.IOException;
import java.util.Random;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TLS against MariaDB started with a certificate made for the test run ({@code --ssl-cert/--ssl-key}). */
@ExtendWith(MariaDbExtension.class)
class TlsTest {

    private static MySqlConnectOptions.Builder tlsUser(MariaDbServer server) {
        return TestDb.options(server).user(MariaDbServer.TLS_USER).password(MariaDbServer.TLS_PASSWORD);
    }

    @Test
    void requiredEncryptsTheSessionAndLetsARequireSslUserIn(MariaDbServer server) throws Exception {
        String[] status = Coroutines.run(() -> {
            try (MySqlConnection conn = MySqlConnection.connect(tlsUser(server).sslMode(SslMode.REQUIRED).build())) {
                Row version = conn.query("SHOW SESSION STATUS LIKE 'Ssl_version'").list().get(0);
                Row cipher = conn.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'").list().get(0);
                return new String[] {version.getString(1), cipher.getString(1), conn.query("SELECT CURRENT_USER()")
                        .list().get(0).getString(0)};
            }
        });
        assertTrue(status[0].startsWith("TLSv1."), "Ssl_version " + status[0]);
        assertTrue(!status[1].isEmpty(), "Ssl_cipher is set");
        assertEquals(MariaDbServer.TLS_USER + "@%", status[2]);
    }

    @Test
    void aRequireSslUserIsRefusedWithoutTls(MariaDbServer server) {
        MySqlException e = assertThrows(MySqlException.class, () -> Coroutines.run(() ->
                MySqlConnection.connect(tlsUser(server).build())));
        assertEquals(1045, e.getErrorCode());
    }

    @Test
    void verifyIdentityAcceptsTheServerWhenItsCertificateIsTrusted(MariaDbServer server) throws Exception {
        long one = Coroutines.run(() -> {
            try (MySqlConnection conn = MySqlConnection.connect(tlsUser(server).sslMode(SslMode.VERIFY_IDENTITY)
                    .sslContext(TlsContexts.client(server.certificate())).build())) {
                return conn.query("SELECT 1").list().get(0).getLong(0);
            }
        });
        assertEquals(1L, one);
    }

    @Test
    void verifyCaRefusesACertificateNoTrustedAuthoritySigned(MariaDbServer server) {
        IOException e = assertThrows(IOException.class, () -> Coroutines.run(() ->
                MySqlConnection.connect(tlsUser(server).sslMode(SslMode.VERIFY_CA).build())));
        assertTrue(e instanceof SSLHandshakeException, e.toString());
    }

    @Test
    void largeValuesAndManyRowsCrossTlsRecordsIntact(MariaDbServer server) throws Exception {
        Coroutines.run(() -> {
            try (MySqlConnection conn = MySqlConnection.connect(TestDb.options(server).sslMode(SslMode.REQUIRED).build())) {
                byte[] blob = new byte[17 << 20];
                new Random(3).nextBytes(blob);
                conn.execute("CREATE TEMPORARY TABLE t_tls (b LONGBLOB)");
                conn.execute("INSERT INTO t_tls VALUES (?)", (Object) blob);
                assertArrayEquals(blob, conn.query("SELECT b FROM t_tls WHERE 1 = ?", 1).list().get(0).getBytes(0));
                RowCursor rows = conn.query("SELECT seq, MD5(seq) FROM seq_1_to_100000");
                long sum = 0;
                while (rows.next()) {
                    sum += rows.row().getLong(0);
                }
                assertEquals(100_000L * 100_001 / 2, sum);
            }
            return null;
        });
    }

    @Test
    void preferredUsesTlsWhenOffered(MariaDbServer server) throws Exception {
        String version = Coroutines.run(() -> {
            try (MySqlConnection conn = MySqlConnection.connect(TestDb.options(server).sslMode(SslMode.PREFERRED).build())) {
                return conn.query("SHOW SESSION STATUS LIKE 'Ssl_version'").list().get(0).getString(1);
            }
        });
        assertTrue(version.startsWith("TLSv1."), version);
    }
}
