package dev.jcoro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpHeadersTest {
    @Test
    void namesCompareWithoutCaseAndRepeatInOrder() {
        HttpHeaders h = new HttpHeaders().add("Via", "a").add("Host", "x").add("VIA", "b");
        assertEquals("a", h.get("via"));
        assertEquals(List.of("a", "b"), h.all("Via"));
        assertEquals(2, h.count("via"));
        assertEquals(1, h.count("HOST"));
        assertEquals(0, h.count("Date"));
        assertEquals(List.of(), h.all("Date"));
        assertNull(h.get("Date"));
        assertEquals(3, h.size());
        assertEquals("VIA", h.nameAt(2));
        assertEquals("b", h.valueAt(2));
    }

    @Test
    void removeDropsEveryFieldOfTheNameAndKeepsTheOrderOfTheRest() {
        HttpHeaders h = new HttpHeaders().add("A", "1").add("B", "2").add("a", "3").add("C", "4");
        assertTrue(h.remove("A"));
        assertFalse(h.remove("A"));
        assertEquals(2, h.size());
        assertEquals("B", h.nameAt(0));
        assertEquals("C", h.nameAt(1));
        h.set("b", "5");
        assertEquals(List.of("5"), h.all("B"));
        assertEquals("C", h.nameAt(0), "set appends the new field after the others");
    }

    @Test
    void growsPastItsFirstArray() {
        HttpHeaders h = new HttpHeaders();
        for (int i = 0; i < 40; i++) {
            h.add("X-" + i, Integer.toString(i));
        }
        assertEquals(40, h.size());
        assertEquals("39", h.get("x-39"));
        assertEquals("X-0", h.nameAt(0));
    }

    @Test
    void containsTokenReadsEveryElementOfEveryLine() {
        HttpHeaders h = new HttpHeaders().add("Connection", "keep-alive ,\tUpgrade").add("Connection", "CLOSE");
        assertTrue(h.containsToken("connection", "upgrade"));
        assertTrue(h.containsToken("Connection", "close"));
        assertTrue(h.containsToken("Connection", "Keep-Alive"));
        assertFalse(h.containsToken("Connection", "keep"));
        assertFalse(h.containsToken("Connection", ""));
        assertFalse(new HttpHeaders().add("Connection", "closed").containsToken("Connection", "close"));
    }

    @Test
    void indexOutsideTheFieldsIsRefused() {
        HttpHeaders h = new HttpHeaders().add("A", "1");
        assertThrows(IndexOutOfBoundsException.class, () -> h.nameAt(1));
        assertThrows(IndexOutOfBoundsException.class, () -> h.valueAt(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> new HttpHeaders().nameAt(0));
    }

    @Test
    void injectedLinesAndBadNamesAreRefused() {
        HttpHeaders h = new HttpHeaders();
        assertThrows(IllegalArgumentException.class, () -> h.add("X", "a\r\nSet-Cookie: b"));
        assertThrows(IllegalArgumentException.class, () -> h.add("X Y", "a"));
        assertThrows(IllegalArgumentException.class, () -> h.add("", "a"));
        assertEquals(0, h.size());
    }
}
