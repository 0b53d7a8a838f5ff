package dev.jcoro.mysql.internal.auth;

import java.sql.SQLException;

/**
 * One authentication method ("plugin" in MySQL's terms): how the password answers the server's scramble,
 * and how to continue when the server asks for more. One instance serves one login attempt, so a plugin
 * with several steps keeps its state in fields.
 */
public interface AuthPlugin {

    /** The plugin's name as the server writes it, e.g. {@code mysql_native_password}. */
    String name();

    /**
     * The answer to the server's scramble, sent in the handshake response or after an auth switch request.
     *
     * @param scramble the server's random bytes
     * @return the bytes to send (possibly empty)
     * @throws SQLException if this plugin refuses to go on (e.g. it would send the password in clear text
     *     over an unencrypted connection)
     */
    byte[] respond(byte[] scramble) throws SQLException;

    /**
     * Reacts to an AuthMoreData packet (header 0x01).
     *
     * @param data the packet's bytes after the header
     * @return the bytes to send back, or null if the client only waits for the next packet
     * @throws SQLException if the server's request cannot be honoured
     */
    byte[] moreData(byte[] data) throws SQLException;
}
