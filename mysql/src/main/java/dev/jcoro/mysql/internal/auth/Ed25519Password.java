package dev.jcoro.mysql.internal.auth;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * MariaDB's {@code client_ed25519}: the client signs the server's 32-byte scramble with an Ed25519 key whose
 * secret is {@code SHA-512(password)} (standard Ed25519 derives it from {@code SHA-512} of a 32-byte seed, so
 * the JDK's EdDSA, which takes only the seed, cannot be used). The server stores the public key.
 *
 * <p>The curve arithmetic is plain {@link BigInteger} in extended coordinates (one inversion per encoded
 * point): a login signs once, so clarity wins over speed (a few milliseconds). Not constant-time; the secret is a password hash that the client
 * already holds in memory, and the signature goes to the server it logs in to.
 */
final class Ed25519Password implements AuthPlugin {
    static final String NAME = "client_ed25519";
    /** The server's nonce: 32 random bytes, any of which may be zero. */
    private static final int NONCE_BYTES = 32;

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** The group order. */
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger D2 = D.shiftLeft(1).mod(P);
    private static final BigInteger BASE_X =
            new BigInteger("15112221349535400772501151409588531511454012693041857206046113283949847762202");
    private static final BigInteger BASE_Y =
            new BigInteger("46316835694926478169428394003475163141307993866256225615783033603165251855960");
    private static final BigInteger[] BASE = {BASE_X, BASE_Y, BigInteger.ONE, BASE_X.multiply(BASE_Y).mod(P)};
    private static final BigInteger[] IDENTITY = {BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};

    private final AuthContext context;

    Ed25519Password(AuthContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] respond(byte[] scramble) {
        return sign(context.password(), scramble.length > NONCE_BYTES ? Arrays.copyOf(scramble, NONCE_BYTES) : scramble);
    }

    @Override
    public byte[] moreData(byte[] data) {
        return null;
    }

    /** The 64-byte signature of {@code message} with the key derived from {@code password}. */
    static byte[] sign(byte[] password, byte[] message) {
        byte[] h = Digests.digest("SHA-512", password);
        h[0] &= (byte) 248;
        h[31] &= 63;
        h[31] |= 64;
        BigInteger a = littleEndian(Arrays.copyOf(h, 32));
        byte[] publicKey = encode(multiply(BASE, a));
        BigInteger r = littleEndian(Digests.digest("SHA-512", Arrays.copyOfRange(h, 32, 64), message)).mod(L);
        byte[] encodedR = encode(multiply(BASE, r));
        BigInteger k = littleEndian(Digests.digest("SHA-512", encodedR, publicKey, message)).mod(L);
        BigInteger s = r.add(k.multiply(a)).mod(L);
        byte[] signature = Arrays.copyOf(encodedR, 64);
        System.arraycopy(toLittleEndian(s), 0, signature, 32, 32);
        return signature;
    }

    /** The public key for {@code password}, as the server stores it (for tests). */
    static byte[] publicKey(byte[] password) {
        byte[] h = Digests.digest("SHA-512", password);
        h[0] &= (byte) 248;
        h[31] &= 63;
        h[31] |= 64;
        return encode(multiply(BASE, littleEndian(Arrays.copyOf(h, 32))));
    }

    /**
     * Adds two points in extended coordinates (X:Y:Z:T, x = X/Z, y = Y/Z, xy = T/Z), so no inversion is
     * needed until the result is encoded (Hisil, Wong, Carter, Dawson 2008, formula for a = -1).
     */
    private static BigInteger[] add(BigInteger[] p, BigInteger[] q) {
        BigInteger a = p[1].subtract(p[0]).multiply(q[1].subtract(q[0])).mod(P);
        BigInteger b = p[1].add(p[0]).multiply(q[1].add(q[0])).mod(P);
        BigInteger c = p[3].multiply(D2).multiply(q[3]).mod(P);
        BigInteger d = p[2].multiply(q[2]).shiftLeft(1).mod(P);
        BigInteger e = b.subtract(a);
        BigInteger f = d.subtract(c);
        BigInteger g = d.add(c);
        BigInteger h = b.add(a);
        return new BigInteger[] {e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P)};
    }

    private static BigInteger[] multiply(BigInteger[] point, BigInteger scalar) {
        BigInteger[] result = IDENTITY;
        BigInteger[] addend = point;
        for (int i = 0; i < scalar.bitLength(); i++) {
            if (scalar.testBit(i)) {
                result = add(result, addend);
            }
            addend = add(addend, addend);
        }
        return result;
    }

    /** y in 255 bits little-endian, the sign of x in the top bit. */
    private static byte[] encode(BigInteger[] point) {
        BigInteger zInverse = point[2].modInverse(P);
        BigInteger x = point[0].multiply(zInverse).mod(P);
        BigInteger y = point[1].multiply(zInverse).mod(P);
        byte[] out = toLittleEndian(y);
        if (x.testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    private static BigInteger littleEndian(byte[] b) {
        byte[] big = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            big[i] = b[b.length - 1 - i];
        }
        return new BigInteger(1, big);
    }

    private static byte[] toLittleEndian(BigInteger v) {
        byte[] big = v.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }
}
