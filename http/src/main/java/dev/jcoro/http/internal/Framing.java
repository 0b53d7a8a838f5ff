package dev.jcoro.http.internal;

import dev.jcoro.http.HttpHeaders;
import dev.jcoro.http.HttpStatusException;
import java.io.IOException;
import java.util.List;

/**
 * How long a message body is, decided from its header fields as RFC 9112 §6.3 orders it, with the
 * request-smuggling defences of §6.1 and §6.3: {@code Transfer-Encoding} and {@code Content-Length}
 * together, a {@code Content-Length} list whose values differ, a transfer coding list that does not end in
 * {@code chunked}, and {@code Transfer-Encoding} in an HTTP/1.0 request are all refused with a closing 400.
 */
public final class Framing {
    /** {@link #ofRequest} and {@link #ofResponse}: the body is chunked. */
    public static final long CHUNKED = -1;
    /** {@link #ofResponse}: the body runs until the server closes the connection. */
    public static final long UNTIL_CLOSE = -2;

    private Framing() {
    }

    /**
     * The body length of a request.
     *
     * @param headers the request's fields
     * @param versionMinor 0 for HTTP/1.0, 1 or more for HTTP/1.1
     * @return the Content-Length (0 when there is no body), or {@link #CHUNKED}
     * @throws HttpStatusException 400 for ambiguous or malformed framing, 501 for a transfer coding other
     *     than chunked; both close the connection
     */
    public static long ofRequest(HttpHeaders headers, int versionMinor) throws HttpStatusException {
        List<String> te = headers.all("Transfer-Encoding");
        List<String> cl = headers.all("Content-Length");
        if (!te.isEmpty()) {
            if (!cl.isEmpty()) {
                throw bad("both Transfer-Encoding and Content-Length");
            }
            if (versionMinor == 0) {
                throw bad("Transfer-Encoding in an HTTP/1.0 request");
            }
            return chunkedOrThrow(te);
        }
        return cl.isEmpty() ? 0 : contentLength(cl);
    }

    /**
     * The body length of a response (RFC 9112 §6.3).
     *
     * @param headers the response's fields
     * @param status the response's status
     * @param requestMethod the method of the request it answers
     * @return the Content-Length (0 when there is no body), {@link #CHUNKED} or {@link #UNTIL_CLOSE}
     * @throws IOException if the framing is malformed or ambiguous
     */
    public static long ofResponse(HttpHeaders headers, int status, String requestMethod) throws IOException {
        if (requestMethod.equals("HEAD") || status < 200 || status == 204 || status == 304) {
            return 0;
        }
        List<String> te = headers.all("Transfer-Encoding");
        if (!te.isEmpty()) {
            // §6.3 rule 3: Transfer-Encoding overrides Content-Length; a coding list without chunked last
            // is read until close.
            String last = lastCoding(te);
            return last.equalsIgnoreCase("chunked") ? CHUNKED : UNTIL_CLOSE;
        }
        List<String> cl = headers.all("Content-Length");
        try {
            return cl.isEmpty() ? UNTIL_CLOSE : contentLength(cl);
        } catch (HttpStatusException e) {
            throw new IOException("malformed response: " + e.reason(), e);
        }
    }

    private static long chunkedOrThrow(List<String> fields) throws HttpStatusException {
        int chunkedAt = -1;
        int count = 0;
        boolean other = false;
        for (String field : fields) {
            for (String element : field.split(",", -1)) {
                String coding = element.trim();
                if (coding.isEmpty()) {
                    continue;
                }
                int semi = coding.indexOf(';');
                String name = (semi < 0 ? coding : coding.substring(0, semi)).trim();
                if (!isToken(name)) {
                    throw bad("malformed Transfer-Encoding: " + field);
                }
                if (name.equalsIgnoreCase("chunked")) {
                    if (chunkedAt >= 0) {
                        throw bad("chunked applied twice in Transfer-Encoding");
                    }
                    if (semi >= 0) {
                        throw bad("chunked takes no parameters");
                    }
                    chunkedAt = count;
                } else {
                    other = true;
                }
                count++;
            }
        }
        if (count == 0) {
            throw bad("empty Transfer-Encoding");
        }
        if (chunkedAt != count - 1) {
            throw bad("Transfer-Encoding does not end in chunked, so the body length cannot be determined");
        }
        if (other) {
            throw new HttpStatusException(501, "transfer codings other than chunked are not supported", true);
        }
        return CHUNKED;
    }

    private static String lastCoding(List<String> fields) {
        String last = "";
        for (String field : fields) {
            for (String element : field.split(",")) {
                if (!element.isBlank()) {
                    last = element.trim();
                }
            }
        }
        int semi = last.indexOf(';');
        return semi < 0 ? last : last.substring(0, semi).trim();
    }

    /** Content-Length = 1*DIGIT; a list of equal values counts as one (§6.3 rule 5), differing ones are refused. */
    private static long contentLength(List<String> fields) throws HttpStatusException {
        long value = -1;
        for (String field : fields) {
            for (String element : field.split(",", -1)) {
                long v = digits(element.trim());
                if (value >= 0 && v != value) {
                    throw bad("Content-Length values differ: " + String.join(", ", fields));
                }
                value = v;
            }
        }
        return value;
    }

    private static long digits(String s) throws HttpStatusException {
        if (s.isEmpty() || s.length() > 18) {
            throw bad(s.isEmpty() ? "empty Content-Length" : "Content-Length too large: " + s);
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw bad("Content-Length is not a number: " + s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Chars.isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static HttpStatusException bad(String message) {
        return new HttpStatusException(400, message, true);
    }
}
