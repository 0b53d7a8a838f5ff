package dev.jcoro.mysql.internal.auth;

/**
 * What an authentication plugin may use besides the scramble.
 *
 * @param password the password in UTF-8 (empty for none)
 * @param secure whether the connection is encrypted, so a password may travel in clear text
 * @param serverRsaPublicKey the server's RSA public key (PEM) for {@code caching_sha2_password} full
 *     authentication without TLS, or null
 * @param allowPublicKeyRetrieval whether the client may ask the server for that key (open to a
 *     man-in-the-middle, so off unless the user turns it on)
 */
public record AuthContext(byte[] password, boolean secure, String serverRsaPublicKey,
        boolean allowPublicKeyRetrieval) {
}
