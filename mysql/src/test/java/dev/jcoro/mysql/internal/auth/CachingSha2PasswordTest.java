package dev.jcoro.mysql.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * MariaDB has no server side for caching_sha2_password, so the plugin is tested against vectors captured
 * from MySQL servers by other clients, and its RSA step against a key made here.
 */
class CachingSha2PasswordTest {
    private static final byte[] SCRAMBLE = Hex.bytes("3e3b04550470163a4c153503157673224608180 1".replace(" ", ""));

    private static AuthContext context(String password, boolean secure, String key, boolean retrieve) {
        return new AuthContext(password.getBytes(StandardCharsets.UTF_8), secure, key, retrieve);
    }

    @Test
    void fastPathMatchesScramblesCapturedFromMySqlServers() {
        // Boost.MySQL's test (captured with the MySQL Python connector): password "hola".
        assertEquals("a1c1e1e91bb6544ba7374b9c566d693e06ca070298acd10618c690389d88e120",
                Hex.hex(CachingSha2Password.scramble("hola".getBytes(), SCRAMBLE)));
        // Vert.x MySQL client's tests: password "password".
        assertEquals("83ad20dc9b0c61f959fb93f451a42fc2d15ab811b882d667fe8f0fcd0a8acaeb",
                Hex.hex(CachingSha2Password.scramble("password".getBytes(),
                        Hex.bytes("3647480503 6c6e60547350612b1b12046e5a7960".replace(" ", "")))));
        assertEquals("3d58c194ffdaf1f80a6c5ef67700608b07f9a29d37c9e2307aaf690c6e5526ab",
                Hex.hex(CachingSha2Password.scramble("password".getBytes(),
                        Hex.bytes("6f2d5c6d660410702b71377663392a026d4a2547"))));
    }

    @Test
    void anEmptyPasswordSendsAnEmptyResponse() {
        assertEquals(0, CachingSha2Password.scramble(new byte[0], SCRAMBLE).length);
    }

    @Test
    void fastAuthSuccessNeedsNoReply() throws Exception {
        CachingSha2Password plugin = new CachingSha2Password(context("hola", false, null, false));
        plugin.respond(SCRAMBLE);
        assertNull(plugin.moreData(new byte[] {3}));
    }

    @Test
    void fullAuthOverTlsSendsThePasswordNulTerminated() throws Exception {
        CachingSha2Password plugin = new CachingSha2Password(context("hola", true, null, false));
        plugin.respond(SCRAMBLE);
        assertArrayEquals("hola\0".getBytes(), plugin.moreData(new byte[] {4}));
    }

    @Test
    void fullAuthWithTheServersKeyEncryptsThePasswordXoredWithTheScramble() throws Exception {
        KeyPair keys = rsaKeys();
        CachingSha2Password plugin = new CachingSha2Password(context("hola", false, pem(keys), false));
        plugin.respond(SCRAMBLE);
        byte[] encrypted = plugin.moreData(new byte[] {4});
        assertArrayEquals("hola\0".getBytes(), decrypt(keys, encrypted));
    }

    @Test
    void fullAuthCanFetchTheServersKeyWhenAllowed() throws Exception {
        KeyPair keys = rsaKeys();
        CachingSha2Password plugin = new CachingSha2Password(context("hola", false, null, true));
        plugin.respond(SCRAMBLE);
        assertArrayEquals(new byte[] {2}, plugin.moreData(new byte[] {4}));
        byte[] encrypted = plugin.moreData(pem(keys).getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("hola\0".getBytes(), decrypt(keys, encrypted));
    }

    @Test
    void fullAuthWithoutTlsOrKeyIsRefusedWithTheWaysOut() {
        CachingSha2Password plugin = new CachingSha2Password(context("hola", false, null, false));
        plugin.respond(SCRAMBLE);
        SQLInvalidAuthorizationSpecException e = assertThrows(SQLInvalidAuthorizationSpecException.class,
                () -> plugin.moreData(new byte[] {4}));
        assertTrue(e.getMessage().contains("sslMode") && e.getMessage().contains("serverRsaPublicKey")
                && e.getMessage().contains("allowPublicKeyRetrieval"), e.getMessage());
    }

    private static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** What the server does: decrypt, then XOR with the scramble again. */
    private static byte[] decrypt(KeyPair keys, byte[] encrypted) throws Exception {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        rsa.init(Cipher.DECRYPT_MODE, keys.getPrivate());
        byte[] xored = rsa.doFinal(encrypted);
        byte[] out = new byte[xored.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (xored[i] ^ SCRAMBLE[i % SCRAMBLE.length]);
        }
        return Arrays.copyOf(out, out.length);
    }
}
