package dev.jcoro.http.internal;

/**
 * The character classes of RFC 9110 §5.6 that the parsers and the header checks share, as lookup tables
 * so that the byte loops of the parser stay branch-light.
 */
public final class Chars {
    private static final boolean[] TOKEN = new boolean[256];
    private static final boolean[] FIELD_VALUE = new boolean[256];
    private static final boolean[] TARGET = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
        // field-vchar = VCHAR / obs-text, plus SP and HTAB inside a value.
        for (int c = 0x21; c <= 0xFF; c++) {
            FIELD_VALUE[c] = c != 0x7F;
        }
        FIELD_VALUE[' '] = true;
        FIELD_VALUE['\t'] = true;
        // A request target is visible ASCII without '#' (a fragment is never sent, RFC 9112 §3.2).
        for (int c = 0x21; c <= 0x7E; c++) {
            TARGET[c] = c != '#';
        }
    }

    private Chars() {
    }

    /**
     * Tells whether {@code c} may appear in a token (a method or a header name).
     *
     * @param c a character
     * @return true for tchar
     */
    public static boolean isTokenChar(int c) {
        return c < 256 && TOKEN[c];
    }

    /**
     * Tells whether byte {@code b} may appear in a header value.
     *
     * @param b a byte, 0 to 255
     * @return true for field-vchar, SP and HTAB
     */
    public static boolean isFieldValueByte(int b) {
        return FIELD_VALUE[b];
    }

    /**
     * Tells whether byte {@code b} may appear in a request target.
     *
     * @param b a byte, 0 to 255
     * @return true for visible ASCII other than '#'
     */
    public static boolean isTargetByte(int b) {
        return TARGET[b];
    }

    /**
     * The value of a hexadecimal digit.
     *
     * @param b a byte
     * @return 0 to 15, or -1 if {@code b} is no hex digit
     */
    public static int hexValue(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
