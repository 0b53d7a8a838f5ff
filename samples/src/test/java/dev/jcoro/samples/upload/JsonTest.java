package dev.jcoro.samples.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static final Upload FIRST = new Upload(1, "alice", "/srv/files/a.txt", 5, "ab".repeat(32),
            Instant.parse("2026-11-29T00:41:07.123Z"));

    @Test
    void anUploadIsAnObjectWithEveryField() {
        assertEquals("{\"id\":1,\"user\":\"alice\",\"path\":\"/srv/files/a.txt\",\"size\":5,\"sha256\":\""
                + "ab".repeat(32) + "\",\"createdAt\":\"2026-11-29T00:41:07.123Z\"}", Json.upload(FIRST));
    }

    @Test
    void stringsAreEscaped() {
        Upload odd = new Upload(2, "q\"b\\s\n\t\u0001\u2028ü", "/x", 0, "", Instant.EPOCH);
        Map<String, Object> parsed = JsonText.object(Json.upload(odd));
        assertEquals(odd.user(), parsed.get("user"));
        assertEquals("\"q\\\"b\\\\s\\n\\t\\u0001\\u2028ü\"", quoted(odd.user()));
    }

    @Test
    void aListIsAnArrayInOrder() {
        Upload second = new Upload(2, "bob", "/srv/files/b", 7, "cd".repeat(32), Instant.parse("2026-11-29T00:41:08Z"));
        assertEquals("[]", Json.uploads(List.of()));
        List<Map<String, Object>> rows = JsonText.arrayOfObjects(Json.uploads(List.of(FIRST, second)));
        assertEquals(List.of(1L, 2L), rows.stream().map(r -> r.get("id")).toList());
        assertEquals("2026-11-29T00:41:08Z", rows.get(1).get("createdAt"));
    }

    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder();
        Json.string(sb, s);
        return sb.toString();
    }
}
