package dev.jcoro.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The lookup {@link Methods} and {@link HeaderNames} share: a known string whose bytes match, or a new one. */
final class Interned {
    private Interned() {
    }

    static String find(String[] known, byte[][] knownBytes, byte[] a, int start, int end) {
        int length = end - start;
        for (int i = 0; i < knownBytes.length; i++) {
            byte[] k = knownBytes[i];
            if (k.length == length && Arrays.equals(k, 0, length, a, start, end)) {
                return known[i];
            }
        }
        return new String(a, start, length, StandardCharsets.ISO_8859_1);
    }
}
