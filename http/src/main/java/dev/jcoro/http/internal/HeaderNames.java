package dev.jcoro.http.internal;

import java.nio.charset.StandardCharsets;

/**
 * Turns header-name bytes into a String, sharing one instance for the names most requests carry, in the
 * case they usually come in (a name in another case is still found by {@code HttpHeaders}, which ignores
 * case, only without sharing).
 */
final class HeaderNames {
    private static final String[] KNOWN = {"Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language",
        "Connection", "Content-Length", "Content-Type", "Transfer-Encoding", "Expect", "Cookie", "Authorization",
        "Cache-Control", "Date", "Server", "Upgrade-Insecure-Requests", "Referer", "Origin", "Keep-Alive",
        "Location", "host", "user-agent", "accept", "connection", "content-length", "content-type",
        "transfer-encoding"};
    private static final byte[][] KNOWN_BYTES = new byte[KNOWN.length][];

    static {
        for (int i = 0; i < KNOWN.length; i++) {
            KNOWN_BYTES[i] = KNOWN[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private HeaderNames() {
    }

    static String of(byte[] a, int start, int end) {
        return Interned.find(KNOWN, KNOWN_BYTES, a, start, end);
    }
}
