package dev.jcoro.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MySqlConnectOptionsTest {

    @Test
    void aFullUrlSetsEveryPart() {
        MySqlConnectOptions o = MySqlConnectOptions.parse(
                "mysql://app%40corp:p%3Ass+w%C3%BCrd@db.example.com:3307/shop?connectTimeout=PT3S&queryTimeout=1500"
                        + "&preparedStatementCacheSize=16&allowPublicKeyRetrieval=true");
        assertEquals("app@corp", o.user());
        assertEquals("p:ss+würd", o.password());
        assertEquals("db.example.com", o.host());
        assertEquals(3307, o.port());
        assertEquals("shop", o.database());
        assertEquals(Duration.ofSeconds(3), o.connectTimeout());
        assertEquals(Duration.ofMillis(1500), o.queryTimeout());
        assertEquals(16, o.preparedStatementCacheSize());
        assertTrue(o.allowPublicKeyRetrieval());
        assertTrue(o.address().isUnresolved(), "a name is resolved by the socket, off the loop");
    }

    @Test
    void aMinimalUrlKeepsTheDefaults() {
        MySqlConnectOptions o = MySqlConnectOptions.parse("mysql://127.0.0.1");
        assertEquals("root", o.user());
        assertEquals("", o.password());
        assertEquals(3306, o.port());
        assertNull(o.database());
        assertEquals(Duration.ZERO, o.queryTimeout());
        assertEquals(256, o.preparedStatementCacheSize());
        assertFalse(o.address().isUnresolved(), "an IP literal needs no lookup");
        assertEquals("mysql://root@127.0.0.1:3306", o.toString());
    }

    @Test
    void badUrlsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MySqlConnectOptions.parse("redis://h"))
                .getMessage().contains("not a mysql:// URL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MySqlConnectOptions.parse("mysql://h/db?ssl=1"))
                .getMessage().contains("unknown parameter 'ssl'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MySqlConnectOptions.parse("mysql://h/db?queryTimeout=soon")).getMessage().contains("queryTimeout"));
    }

    @Test
    void toBuilderCopiesEverything() {
        MySqlConnectOptions o = MySqlConnectOptions.builder().host("h").port(1).user("u").password("p").database("d")
                .attribute("app", "x").authPlugin("caching_sha2_password").maxPacketSize(4096).build();
        MySqlConnectOptions copy = o.toBuilder().build();
        assertEquals(o.toString(), copy.toString());
        assertEquals("p", copy.password());
        assertEquals("x", copy.attributes().get("app"));
        assertEquals("caching_sha2_password", copy.authPlugin());
        assertEquals(4096, copy.maxPacketSize());
    }
}
