package dev.jcoro.samples.seed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The few bytes of HTTP/1.1 the seed demo speaks: one GET, one JSON answer, then the connection closes. */
final class Http {
    static final String BODY = "{\"name\": \"satori\", \"age\": 16}";

    private Http() {
    }

    static ByteBuffer request(String path) {
        return ascii("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    static ByteBuffer response(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Bad Request";
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n";
        ByteBuffer b = ByteBuffer.allocate(head.length() + bytes.length);
        b.put(head.getBytes(StandardCharsets.US_ASCII)).put(bytes).flip();
        return b;
    }

    /** The body of a complete response (everything after the blank line). */
    static String body(String response) {
        int split = response.indexOf("\r\n\r\n");
        if (!response.startsWith("HTTP/1.1 200") || split < 0) {
            throw new IllegalStateException("unexpected response: " + response.lines().findFirst().orElse("<empty>"));
        }
        return response.substring(split + 4);
    }

    /** The path of a request whose head is complete, or null while more bytes are needed. */
    static String pathOf(CharSequence head) {
        String s = head.toString();
        if (!s.contains("\r\n\r\n")) {
            return null;
        }
        String[] requestLine = s.substring(0, s.indexOf("\r\n")).split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/")) {
            throw new IllegalArgumentException("malformed request line: " + s.substring(0, s.indexOf("\r\n")));
        }
        return requestLine[1];
    }

    static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
