package dev.jcoro.mysql;

import java.io.IOException;

/**
 * The server sent something the MySQL client/server protocol does not allow: a truncated or malformed
 * packet, a packet out of sequence, a reply that does not fit the command. The message names what was
 * being read and where. The connection is closed, since the client no longer knows where the next packet
 * starts; a pool discards it.
 */
public class MySqlProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and where
     */
    public MySqlProtocolException(String message) {
        super(message);
    }
}
