package dev.jcoro.mysql.internal;

import dev.jcoro.mysql.MySqlException;
import dev.jcoro.mysql.MySqlProtocolException;
import java.nio.charset.StandardCharsets;

/** Reads an ERR packet (header 0xFF) into a {@link MySqlException}. */
public final class ErrPacket {
    /** The first byte of an ERR packet. */
    public static final int HEADER = 0xFF;

    private ErrPacket() {
    }

    /**
     * Parses an ERR packet.
     *
     * @param p the packet, positioned at its header byte
     * @param sql the statement that failed, or null, to quote in the message
     * @return the server's error as an exception, to throw
     * @throws MySqlProtocolException if the packet is malformed
     */
    public static MySqlException parse(Payload p, String sql) throws MySqlProtocolException {
        p.expect("ERR packet").skip(1, "header");
        int code = p.int2("error code");
        // Errors sent before the handshake (too many connections, host blocked) have no SQLSTATE.
        String state = "HY000";
        if (p.remaining() > 0 && p.peek("SQLSTATE marker") == '#') {
            p.skip(1, "SQLSTATE marker");
            state = new String(p.bytes(5, "SQLSTATE"), StandardCharsets.US_ASCII);
        }
        return new MySqlException(p.restString(StandardCharsets.UTF_8), state, code, sql);
    }
}
