package dev.jcoro.mysql.internal.auth;

import java.util.HexFormat;

final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
