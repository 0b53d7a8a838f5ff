package dev.jcoro.samples.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertEquals("passwd", FileNames.sanitize("../../etc/passwd"));
        assertEquals("b.txt", FileNames.sanitize("a\\..\\b.txt"));
        assertEquals("report.pdf", FileNames.sanitize("/home/me/report.pdf"));
    }

    @Test
    void nothingHiddenNothingEmpty() {
        assertEquals(FileNames.UNNAMED, FileNames.sanitize(null));
        assertEquals(FileNames.UNNAMED, FileNames.sanitize(""));
        assertEquals(FileNames.UNNAMED, FileNames.sanitize(".."));
        assertEquals(FileNames.UNNAMED, FileNames.sanitize("dir/"));
        assertEquals("bashrc", FileNames.sanitize(".bashrc"));
        assertEquals("upload-x.part", FileNames.sanitize(".upload-x.part"));
    }

    @Test
    void replacesWhatIsNotPlainAscii() {
        assertEquals("na_ve_name_1_.txt", FileNames.sanitize("naïve name(1).txt"));
        assertEquals("a_b_c", FileNames.sanitize("a\u0000b\nc"));
        assertEquals("_etc", FileNames.sanitize("~etc"));
    }

    @Test
    void longNamesKeepTheirExtension() {
        String name = FileNames.sanitize("x".repeat(300) + ".tar.gz");
        assertEquals(FileNames.MAX_LENGTH, name.length());
        assertTrue(name.endsWith("x.gz"), name);
    }

    @Test
    void uniqueNamesDifferAndEndWithTheSafeName() {
        String a = FileNames.unique("report.pdf");
        String b = FileNames.unique("report.pdf");
        assertNotEquals(a, b);
        assertTrue(a.matches("[0-9a-f]{16}-report\\.pdf"), a);
    }
}
