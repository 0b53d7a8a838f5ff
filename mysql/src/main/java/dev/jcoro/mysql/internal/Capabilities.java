package dev.jcoro.mysql.internal;

/**
 * The capability flags client and server exchange in the handshake; a feature is on only when both set
 * its flag. Values from the MySQL client/server protocol.
 */
public final class Capabilities {
    private Capabilities() {
    }

    /** Set by a MySQL server; a MariaDB server clears it to say it sends extended capabilities. */
    public static final int LONG_PASSWORD = 1;
    /** Affected rows count matched rows, not changed ones. */
    public static final int FOUND_ROWS = 1 << 1;
    /** Column flags are sent in full. */
    public static final int LONG_FLAG = 1 << 2;
    /** The handshake response names an initial database. */
    public static final int CONNECT_WITH_DB = 1 << 3;
    /** The 4.1 protocol: SQLSTATE in errors, long column definitions. */
    public static final int PROTOCOL_41 = 1 << 9;
    /** TLS: an SSL request packet precedes the handshake response. */
    public static final int SSL = 1 << 11;
    /** Status flags in OK and EOF packets carry the transaction state. */
    public static final int TRANSACTIONS = 1 << 13;
    /** The 20-byte scramble and a length-prefixed auth response. */
    public static final int SECURE_CONNECTION = 1 << 15;
    /** Several statements in one COM_QUERY. */
    public static final int MULTI_STATEMENTS = 1 << 16;
    /** Several result sets per command (stored procedures). */
    public static final int MULTI_RESULTS = 1 << 17;
    /** Several result sets from a prepared statement. */
    public static final int PS_MULTI_RESULTS = 1 << 18;
    /** Authentication plugins and auth switch requests. */
    public static final int PLUGIN_AUTH = 1 << 19;
    /** Connection attributes in the handshake response. */
    public static final int CONNECT_ATTRS = 1 << 20;
    /** The auth response is length-encoded, so it may exceed 255 bytes. */
    public static final int PLUGIN_AUTH_LENENC_CLIENT_DATA = 1 << 21;
    /** Session state changes in OK packets. */
    public static final int SESSION_TRACK = 1 << 23;
    /** Result sets end with an OK packet instead of an EOF packet, and no EOF follows the column definitions. */
    public static final int DEPRECATE_EOF = 1 << 24;

    /** What this client asks for, before TLS and the initial database are added. */
    public static final int CLIENT = LONG_PASSWORD | LONG_FLAG | PROTOCOL_41 | TRANSACTIONS | SECURE_CONNECTION
            | MULTI_RESULTS | PS_MULTI_RESULTS | PLUGIN_AUTH | CONNECT_ATTRS | PLUGIN_AUTH_LENENC_CLIENT_DATA
            | DEPRECATE_EOF;
}
