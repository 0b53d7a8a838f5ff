package dev.jcoro.mysql.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * {@code caching_sha2_password}, MySQL 8's default. The fast path answers the scramble with
 * {@code SHA256(password) XOR SHA256(SHA256(SHA256(password)) + scramble)}; a server that has the user's
 * hash cached replies 0x03 and the login is done. Otherwise it replies 0x04 (full authentication) and wants
 * the password itself: in clear text over TLS, or XORed with the scramble and RSA-encrypted (OAEP) with
 * the server's public key, which the client has been given or, if allowed, asks for (0x02).
 *
 * <p>MariaDB has no server side for this plugin.
 */
final class CachingSha2Password implements AuthPlugin {
    static final String NAME = "caching_sha2_password";
    private static final int FAST_AUTH_OK = 3;
    private static final int FULL_AUTH = 4;
    private static final byte REQUEST_PUBLIC_KEY = 2;

    private final AuthContext context;
    private byte[] scramble = new byte[0];
    private boolean awaitingKey;

    CachingSha2Password(AuthContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] respond(byte[] scramble) {
        this.scramble = scramble.length > 20 ? Arrays.copyOf(scramble, 20) : scramble;
        return scramble(context.password(), this.scramble);
    }

    /** The fast-path response; empty for no password. */
    static byte[] scramble(byte[] password, byte[] scramble) {
        if (password.length == 0) {
            return new byte[0];
        }
        byte[] stage1 = Digests.digest("SHA-256", password);
        byte[] stage2 = Digests.digest("SHA-256", stage1);
        return Digests.xor(stage1, Digests.digest("SHA-256", stage2, scramble));
    }

    @Override
    public byte[] moreData(byte[] data) throws SQLInvalidAuthorizationSpecException {
        if (awaitingKey) {
            awaitingKey = false;
            return encrypt(new String(data, StandardCharsets.US_ASCII));
        }
        if (data.length == 1 && data[0] == FAST_AUTH_OK) {
            return null;
        }
        if (data.length != 1 || data[0] != FULL_AUTH) {
            throw new SQLInvalidAuthorizationSpecException(NAME + ": unexpected auth data from the server: "
                    + Arrays.toString(Arrays.copyOf(data, Math.min(data.length, 8))), "28000");
        }
        byte[] terminated = Arrays.copyOf(context.password(), context.password().length + 1);
        if (context.secure()) {
            return terminated;
        }
        if (context.serverRsaPublicKey() != null) {
            return encrypt(context.serverRsaPublicKey());
        }
        if (context.allowPublicKeyRetrieval()) {
            awaitingKey = true;
            return new byte[] {REQUEST_PUBLIC_KEY};
        }
        throw new SQLInvalidAuthorizationSpecException(NAME + ": the server has no cached hash for this user and wants"
                + " the password itself, which the client sends only over TLS (sslMode), encrypted with the server's RSA"
                + " key (serverRsaPublicKey), or after fetching that key (allowPublicKeyRetrieval)", "28000");
    }

    private byte[] encrypt(String pem) throws SQLInvalidAuthorizationSpecException {
        byte[] terminated = Arrays.copyOf(context.password(), context.password().length + 1);
        return encrypt(terminated, scramble, pem);
    }

    /** RSA-OAEP of {@code (password + NUL) XOR scramble} with the PEM public key, as the server decrypts it. */
    static byte[] encrypt(byte[] terminatedPassword, byte[] scramble, String pem)
            throws SQLInvalidAuthorizationSpecException {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, publicKey(pem));
            return rsa.doFinal(Digests.xor(terminatedPassword, scramble));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SQLInvalidAuthorizationSpecException(NAME + ": cannot encrypt the password with the server's"
                    + " RSA key: " + e, "28000", e);
        }
    }

    private static PublicKey publicKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
