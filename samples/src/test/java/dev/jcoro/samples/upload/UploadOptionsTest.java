package dev.jcoro.samples.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UploadOptionsTest {

    @Test
    void parsesTheFixedCommandLineInAnyOrder() {
        UploadOptions o = UploadOptions.parse("--dir", "/srv/files", "--db", "mysql://u:p@127.0.0.1:3306/app",
                "--port", "8080", "--redis", "redis://127.0.0.1:6379", "--max-bytes", "1024");
        assertEquals(new UploadOptions(8080, "redis://127.0.0.1:6379", "mysql://u:p@127.0.0.1:3306/app",
                Path.of("/srv/files"), 1024), o);
    }

    @Test
    void maxBytesDefaultsTo64MiB() {
        UploadOptions o = UploadOptions.parse("--port", "0", "--redis", "redis://h:1", "--db", "jdbc:h2:mem:x", "--dir", "d");
        assertEquals(64L * 1024 * 1024, o.maxBytes());
        assertEquals(UploadOptions.DEFAULT_MAX_BYTES, o.maxBytes());
    }

    @Test
    void wrongCommandLinesAreRefusedWithTheReason() {
        assertMessage("missing --db", "--port", "1", "--redis", "redis://h:1", "--dir", "d");
        assertMessage("unknown option --verbose", "--verbose", "--port", "1");
        assertMessage("--dir needs a value", "--port", "1", "--redis", "redis://h:1", "--db", "jdbc:h2:mem:x", "--dir");
        assertMessage("--port is given twice", "--port", "1", "--port", "2");
        assertMessage("--port must be a whole number from 0 to 65535: 70000",
                "--port", "70000", "--redis", "redis://h:1", "--db", "jdbc:h2:mem:x", "--dir", "d");
        assertMessage("--max-bytes must be at least 1: 0",
                "--port", "1", "--redis", "redis://h:1", "--db", "jdbc:h2:mem:x", "--dir", "d", "--max-bytes", "0");
        assertMessage("--max-bytes must be a whole number from 0 to 9223372036854775807: 1e6",
                "--port", "1", "--redis", "redis://h:1", "--db", "jdbc:h2:mem:x", "--dir", "d", "--max-bytes", "1e6");
        assertMessage("--redis must be a redis://host:port URI (rediss:// for TLS): localhost:6379",
                "--port", "1", "--redis", "localhost:6379", "--db", "jdbc:h2:mem:x", "--dir", "d");
    }

    @Test
    void databaseUrlMustBeJdbcOrMysql() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UploadOptions.parse(
                "--port", "1", "--redis", "redis://h:1", "--db", "postgres://h/db", "--dir", "d"));
        assertEquals(true, e.getMessage().startsWith("--db must be a JDBC URL"), e.getMessage());
    }

    private static void assertMessage(String message, String... args) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> UploadOptions.parse(args)).getMessage());
    }
}
