package dev.jcoro.http.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date} header line (RFC 9110 §6.6.1, IMF-fixdate), formatted at most once a second and shared
 * by every response of that second on every loop.
 */
public final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** A second and its formatted line, published together. */
    private record Stamp(long second, byte[] line) {
    }

    private static volatile Stamp current = stamp(System.currentTimeMillis() / 1000);

    private HttpDate() {
    }

    /**
     * The line {@code Date: <now>\r\n} as bytes; callers must not modify the array.
     *
     * @return the line for the current second
     */
    public static byte[] line() {
        long second = System.currentTimeMillis() / 1000;
        Stamp s = current;
        if (s.second != second) {
            s = stamp(second);
            current = s;
        }
        return s.line;
    }

    private static Stamp stamp(long second) {
        // RFC_1123_DATE_TIME writes single-digit days without the leading zero IMF-fixdate wants.
        String date = IMF_FIXDATE.format(Instant.ofEpochSecond(second));
        if (date.charAt(6) == ' ') {
            date = date.substring(0, 5) + "0" + date.substring(5);
        }
        return new Stamp(second, ("Date: " + date + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
