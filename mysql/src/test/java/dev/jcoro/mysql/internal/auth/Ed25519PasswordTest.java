package dev.jcoro.mysql.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.api.Test;

class Ed25519PasswordTest {

    @Test
    void aThirtyTwoByteSecretSignsAsStandardEd25519() {
        // RFC 8032, section 7.1, TEST 1: with a 32-byte "password" MariaDB's derivation is the standard one.
        byte[] secret = Hex.bytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                Hex.hex(Ed25519Password.publicKey(secret)));
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
                Hex.hex(Ed25519Password.sign(secret, new byte[0])));
    }

    @Test
    void signaturesOfAPasswordVerifyWithTheJdksEd25519() throws Exception {
        byte[] password = "ed-secret ü".getBytes(StandardCharsets.UTF_8);
        byte[] scramble = new byte[32];
        new java.util.Random(7).nextBytes(scramble);
        byte[] raw = Ed25519Password.publicKey(password);
        byte[] spki = new byte[44];
        System.arraycopy(Hex.bytes("302a300506032b6570032100"), 0, spki, 0, 12);
        System.arraycopy(raw, 0, spki, 12, 32);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(scramble);
        assertTrue(verifier.verify(Ed25519Password.sign(password, scramble)));
    }
}
