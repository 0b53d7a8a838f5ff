package dev.jcoro.mysql.internal.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Hashing helpers shared by the password plugins. */
final class Digests {
    private Digests() {
    }

    static MessageDigest get(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }

    static byte[] digest(String algorithm, byte[]... parts) {
        MessageDigest md = get(algorithm);
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    /** {@code a XOR b}, into a new array of {@code a}'s length; {@code b} repeats if shorter. */
    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i % b.length]);
        }
        return out;
    }
}
