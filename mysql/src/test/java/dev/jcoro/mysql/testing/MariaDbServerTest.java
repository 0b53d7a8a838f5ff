package dev.jcoro.mysql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class MariaDbServerTest {

    @Test
    void serverGreetsWithProtocolVersion10AndItsVersion(MariaDbServer server) throws IOException {
        try (Socket s = new Socket(server.address().getAddress(), server.port())) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] header = new byte[4];
            in.readFully(header);
            int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            byte[] payload = new byte[length];
            in.readFully(payload);
            assertEquals(0, header[3], "sequence id of the greeting");
            assertEquals(10, payload[0], "protocol version");
            String version = new String(payload, 1, server.version().length(), StandardCharsets.US_ASCII);
            assertTrue(version.endsWith(server.version()) || server.version().startsWith(version.replace("5.5.5-", "")),
                    "greeting names " + version + ", SELECT VERSION() said " + server.version());
        }
    }
}
