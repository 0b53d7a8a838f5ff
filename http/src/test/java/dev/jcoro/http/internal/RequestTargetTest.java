package dev.jcoro.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcoro.http.HttpStatusException;
import org.junit.jupiter.api.Test;

class RequestTargetTest {
    @Test
    void originFormSplitsPathAndQueryAndDecodesPath() throws Exception {
        RequestTarget t = RequestTarget.parse("GET", "/a%20b/c?x=1&y");
        assertEquals("/a%20b/c", t.rawPath());
        assertEquals("/a b/c", t.path());
        assertEquals("x=1&y", t.rawQuery());
    }

    @Test
    void absoluteFormKeepsPathAndQuery() throws Exception {
        assertEquals("/p", RequestTarget.parse("GET", "http://host:8/p?q").rawPath());
        assertEquals("/", RequestTarget.parse("GET", "HTTPS://host").rawPath());
        assertEquals("q", RequestTarget.parse("GET", "http://host?q").rawQuery());
    }

    @Test
    void asteriskOnlyForOptions() throws Exception {
        assertNull(RequestTarget.parse("OPTIONS", "*").rawQuery());
        assertEquals(400, assertThrows(HttpStatusException.class, () -> RequestTarget.parse("GET", "*")).status());
    }

    @Test
    void authorityFormAndBrokenEscapesAre400() {
        assertEquals(400, assertThrows(HttpStatusException.class, () -> RequestTarget.parse("CONNECT", "host:443")).status());
        assertEquals(400, assertThrows(HttpStatusException.class, () -> RequestTarget.parse("GET", "/a%2")).status());
    }

    @Test
    void percentDecodesUtf8AndPlusInQueries() throws Exception {
        assertEquals("é +", Percent.decode("%C3%A9 +", false));
        assertEquals("a b", Percent.decode("a+b", true));
    }
}
