package dev.jcoro.samples.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand over a blocking socket, for what a well-behaved client library will not do: send
 * a head and no body, stop in the middle of a body, or go on sending after the server has answered.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Connects with a 10 s read timeout, so that a server that never answers fails the test. */
    static RawHttp connect(InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.connect(server, 5000);
        s.setSoTimeout(10_000);
        return new RawHttp(s);
    }

    /** Sends a {@code POST /upload} head; {@code framing} is e.g. {@code Content-Length: 5} or {@code Transfer-Encoding: chunked}. */
    void uploadHead(String token, String framing, String... extraHeaders) throws IOException {
        StringBuilder head = new StringBuilder("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        head.append(framing).append("\r\n");
        for (String h : extraHeaders) {
            head.append(h).append("\r\n");
        }
        send(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends {@code data} as one chunk of a chunked body. */
    void chunk(byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one response: the status line, the headers, and a {@code Content-Length} body. */
    Response response() throws IOException {
        String statusLine = line();
        String headers = "";
        long length = 0;
        String l;
        while (!(l = line()).isEmpty()) {
            headers += l + "\n";
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(l.substring(colon + 1).trim());
            }
        }
        byte[] body = in.readNBytes((int) length);
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), statusLine, headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed in the middle of a response head after: " + b);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Closes with a reset (RST) instead of an orderly FIN, as a crashing client would. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response: status, head, and body as text. */
    record Response(int status, String statusLine, String headers, String body) {
    }
}
