package dev.jcoro.mysql.internal;

import dev.jcoro.mysql.MySqlProtocolException;

/**
 * An OK packet (header 0x00, or 0xFE when it ends a result set under {@code CLIENT_DEPRECATE_EOF}), or the
 * older EOF packet read into the same shape.
 *
 * @param affectedRows rows changed (or matched), unsigned
 * @param lastInsertId the first AUTO_INCREMENT value generated, unsigned, 0 if none
 * @param status the server status flags
 * @param warnings the number of warnings
 */
public record OkPacket(long affectedRows, long lastInsertId, int status, int warnings) {

    /**
     * Parses an OK packet.
     *
     * @param p the packet, positioned at its header byte
     * @return its fields
     * @throws MySqlProtocolException if it is malformed
     */
    public static OkPacket parse(Payload p) throws MySqlProtocolException {
        p.expect("OK packet").skip(1, "header");
        long affected = p.lenencInt("affected rows");
        long insertId = p.lenencInt("last insert id");
        int status = p.int2("status flags");
        int warnings = p.int2("warnings");
        return new OkPacket(affected, insertId, status, warnings);
    }

    /**
     * Parses an EOF packet (header 0xFE, under 9 bytes).
     *
     * @param p the packet, positioned at its header byte
     * @return its warnings and status, with no rows or id
     * @throws MySqlProtocolException if it is malformed
     */
    public static OkPacket parseEof(Payload p) throws MySqlProtocolException {
        p.expect("EOF packet").skip(1, "header");
        int warnings = p.int2("warnings");
        int status = p.int2("status flags");
        return new OkPacket(0, 0, status, warnings);
    }
}
