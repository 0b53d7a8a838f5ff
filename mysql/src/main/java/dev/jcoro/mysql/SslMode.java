package dev.jcoro.mysql;

/**
 * Whether and how a connection is encrypted, with the meanings MySQL's own clients give these names. The
 * upgrade happens in the handshake (an SSL request, then TLS on the same connection), before the password
 * or anything else is sent.
 */
public enum SslMode {
    /** Never encrypt. The default, as in MariaDB Connector/J and the Vert.x client. */
    DISABLED,
    /**
     * Encrypt if the server offers TLS, without checking its certificate: protects against eavesdropping,
     * not against a man in the middle.
     */
    PREFERRED,
    /** Encrypt or fail, without checking the server's certificate. */
    REQUIRED,
    /** Encrypt, and check that a trusted authority signed the server's certificate (any host name). */
    VERIFY_CA,
    /** Encrypt, check the certificate's authority, and check that it names the host connected to. */
    VERIFY_IDENTITY
}
