package dev.jcoro.http.internal;

import java.nio.charset.StandardCharsets;

/** Turns method bytes into a String, sharing one instance for the standard methods (no copy per request). */
final class Methods {
    private static final String[] KNOWN = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"};
    private static final byte[][] KNOWN_BYTES = new byte[KNOWN.length][];

    static {
        for (int i = 0; i < KNOWN.length; i++) {
            KNOWN_BYTES[i] = KNOWN[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private Methods() {
    }

    static String of(byte[] a, int start, int end) {
        return Interned.find(KNOWN, KNOWN_BYTES, a, start, end);
    }
}
