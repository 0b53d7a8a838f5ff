package dev.jcoro.mysql.internal;

import dev.jcoro.mysql.MySqlProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * The server's first packet (HandshakeV10): its version, the connection id, the capabilities, and the
 * scramble and plugin the client authenticates with.
 *
 * @param serverVersion e.g. {@code 10.11.19-MariaDB-0+deb12u1} (MariaDB's {@code 5.5.5-} prefix removed)
 * @param connectionId the server's id of this session, which {@code KILL QUERY} names
 * @param capabilities the server's capability flags
 * @param scramble the random bytes the password is hashed with (20 bytes for the usual plugins)
 * @param authPlugin the plugin the server proposes, or {@code mysql_native_password} if it names none
 * @param mariaDb whether the server is MariaDB
 */
public record ServerGreeting(String serverVersion, long connectionId, int capabilities, byte[] scramble,
        String authPlugin, boolean mariaDb) {

    /**
     * Parses the greeting.
     *
     * @param p the first packet, already known not to be an ERR packet
     * @return the greeting
     * @throws MySqlProtocolException if the packet is malformed or not protocol version 10
     */
    public static ServerGreeting parse(Payload p) throws MySqlProtocolException {
        p.expect("handshake");
        int protocol = p.int1("protocol version");
        if (protocol != 10) {
            throw p.malformed("protocol version " + protocol + " is not supported (only 10, MySQL 4.1 and later)",
                    "protocol version");
        }
        String version = p.nulString(StandardCharsets.ISO_8859_1, "server version");
        long connectionId = p.int4("connection id") & 0xFFFFFFFFL;
        byte[] part1 = p.bytes(8, "auth-plugin-data-part-1");
        p.skip(1, "filler");
        int capabilities = p.int2("capability flags (lower)");
        byte[] scramble = part1;
        String plugin = "mysql_native_password";
        if (p.remaining() > 0) {
            p.skip(1, "character set");
            p.skip(2, "status flags");
            capabilities |= p.int2("capability flags (upper)") << 16;
            int authDataLength = p.int1("auth-plugin-data length");
            p.skip(10, "reserved");
            if ((capabilities & Capabilities.SECURE_CONNECTION) != 0) {
                int n = Math.max(13, authDataLength - 8);
                byte[] part2 = p.bytes(Math.min(n, p.remaining()), "auth-plugin-data-part-2");
                // The part ends with a NUL that is not part of the scramble.
                int len2 = part2.length > 0 && part2[part2.length - 1] == 0 ? part2.length - 1 : part2.length;
                scramble = new byte[8 + len2];
                System.arraycopy(part1, 0, scramble, 0, 8);
                System.arraycopy(part2, 0, scramble, 8, len2);
            }
            if ((capabilities & Capabilities.PLUGIN_AUTH) != 0 && p.remaining() > 0) {
                plugin = new String(p.nulOrRestBytes(), StandardCharsets.US_ASCII);
            }
        }
        boolean mariaDb = version.contains("MariaDB");
        if (version.startsWith("5.5.5-") && mariaDb) {
            version = version.substring("5.5.5-".length());
        }
        return new ServerGreeting(version, connectionId, capabilities, scramble, plugin, mariaDb);
    }
}
