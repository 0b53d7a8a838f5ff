package dev.jcoro.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedisUriTest {

    private static RedisUri parse(String s) {
        return RedisUri.parse(URI.create(s));
    }

    @Test
    void hostPortAndDefaults() {
        assertEquals(new RedisUri(false, "localhost", 6379, null, null, 0), parse("redis://localhost"));
        assertEquals(new RedisUri(false, "10.0.0.1", 7000, null, null, 0), parse("redis://10.0.0.1:7000/"));
        assertEquals(new RedisUri(true, "cache.example", 6380, null, null, 0), parse("rediss://cache.example:6380"));
        assertEquals(new RedisUri(false, "::1", 6379, null, null, 0), parse("redis://[::1]:6379"));
        assertEquals("redis [::1]:6379", parse("redis://[::1]:6379").serverName());
    }

    @Test
    void credentialsInEveryForm() {
        assertEquals(new RedisUri(false, "h", 1, "alice", "pw", 2), parse("redis://alice:pw@h:1/2"));
        assertEquals(new RedisUri(false, "h", 1, null, "pw", 0), parse("redis://:pw@h:1"));
        assertEquals(new RedisUri(false, "h", 1, null, "pw", 0), parse("redis://pw@h:1"));
        assertEquals(new RedisUri(false, "h", 1, "a b", "p@ss:w+rd", 0), parse("redis://a%20b:p%40ss%3Aw+rd@h:1"));
    }

    @Test
    void passwordsStayOutOfTheText() {
        String text = parse("redis://alice:hunter2@h:1/3").toString();
        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("alice:***@h:1/3"), text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("http://u:hunter2@h/x"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void badUrisAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("http://h:1")).getMessage()
                .startsWith("expected a redis:// or rediss:// URI"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("redis://h:1/zero")).getMessage()
                .startsWith("the URI's path must be a database number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("redis:///3")).getMessage()
                .startsWith("the URI names no host"));
    }
}
