package dev.jcoro.http.internal;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    @Test
    void lineIsImfFixdate() {
        String line = new String(HttpDate.line(), StandardCharsets.US_ASCII);
        assertTrue(line.matches("Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                + "\\d{4} \\d\\d:\\d\\d:\\d\\d GMT\r\n"), line);
    }

    @Test
    void sameSecondSharesOneFormattedLine() {
        while (true) {
            long before = System.currentTimeMillis() / 1000;
            byte[] a = HttpDate.line();
            byte[] b = HttpDate.line();
            if (System.currentTimeMillis() / 1000 == before) {   // else a second passed between: try again
                assertSame(a, b);
                return;
            }
        }
    }
}
