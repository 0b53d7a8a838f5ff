package dev.jcoro.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.http.HttpHeaders;
import dev.jcoro.http.HttpStatusException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FramingTest {
    private static HttpHeaders h(String... nameValues) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(nameValues[i], nameValues[i + 1]);
        }
        return headers;
    }

    private static HttpStatusException refused(HttpHeaders headers, int minor) {
        return assertThrows(HttpStatusException.class, () -> Framing.ofRequest(headers, minor));
    }

    @Test
    void noFramingFieldsMeansNoBody() throws Exception {
        assertEquals(0, Framing.ofRequest(h(), 1));
    }

    @Test
    void contentLengthAndEqualDuplicatesAreOneLength() throws Exception {
        assertEquals(42, Framing.ofRequest(h("Content-Length", "42"), 1));
        assertEquals(42, Framing.ofRequest(h("Content-Length", "42", "content-length", "42, 42"), 1));
    }

    @Test
    void differingContentLengthsAre400AndClose() {
        HttpStatusException e = refused(h("Content-Length", "1", "Content-Length", "2"), 1);
        assertEquals(400, e.status());
        assertTrue(e.closesConnection());
    }

    @Test
    void contentLengthWithTransferEncodingIs400AndClose() {
        HttpStatusException e = refused(h("Content-Length", "3", "Transfer-Encoding", "chunked"), 1);
        assertEquals(400, e.status());
        assertTrue(e.closesConnection());
    }

    @Test
    void chunkedMustBeLastAndOnce() throws Exception {
        assertEquals(Framing.CHUNKED, Framing.ofRequest(h("Transfer-Encoding", "chunked"), 1));
        assertEquals(400, refused(h("Transfer-Encoding", "chunked, gzip"), 1).status());
        assertEquals(400, refused(h("Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked"), 1).status());
        assertEquals(400, refused(h("Transfer-Encoding", "gzip"), 1).status());
        assertEquals(400, refused(h("Transfer-Encoding", ""), 1).status());
    }

    @Test
    void otherCodingsBeforeChunkedAre501() {
        HttpStatusException e = refused(h("Transfer-Encoding", "gzip, chunked"), 1);
        assertEquals(501, e.status());
        assertTrue(e.closesConnection());
    }

    @Test
    void transferEncodingInHttp10Is400() {
        assertEquals(400, refused(h("Transfer-Encoding", "chunked"), 0).status());
    }

    @Test
    void responseFramingFollowsRfc9112Section63() throws IOException {
        assertEquals(0, Framing.ofResponse(h("Content-Length", "5"), 200, "HEAD"));
        assertEquals(0, Framing.ofResponse(h("Content-Length", "5"), 304, "GET"));
        assertEquals(0, Framing.ofResponse(h(), 204, "GET"));
        assertEquals(Framing.CHUNKED, Framing.ofResponse(h("Transfer-Encoding", "chunked", "Content-Length", "5"), 200, "GET"));
        assertEquals(Framing.UNTIL_CLOSE, Framing.ofResponse(h("Transfer-Encoding", "gzip"), 200, "GET"));
        assertEquals(Framing.UNTIL_CLOSE, Framing.ofResponse(h(), 200, "GET"));
        assertEquals(7, Framing.ofResponse(h("Content-Length", "7"), 200, "GET"));
        assertThrows(IOException.class, () -> Framing.ofResponse(h("Content-Length", "1, 2"), 200, "GET"));
    }
}
