package dev.jcoro.http.internal;

import dev.jcoro.http.HttpStatusException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of URI components (RFC 3986 §2.1), as UTF-8; a broken escape is a 400. */
public final class Percent {
    private Percent() {
    }

    /**
     * Decodes {@code s}.
     *
     * @param s a path segment or a query component
     * @param plusIsSpace whether {@code +} means a space (form-encoded queries)
     * @return the decoded text
     * @throws HttpStatusException 400 if a {@code %} is not followed by two hex digits
     */
    public static String decode(String s, boolean plusIsSpace) throws HttpStatusException {
        int first = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' || (plusIsSpace && c == '+')) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < first; i++) {
            out.write(s.charAt(i));
        }
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 1 < s.length() ? Chars.hexValue(s.charAt(i + 1)) : -1;
                int lo = i + 2 < s.length() ? Chars.hexValue(s.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    throw new HttpStatusException(400, "malformed percent-escape in \"" + s + "\"");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (plusIsSpace && c == '+') {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
