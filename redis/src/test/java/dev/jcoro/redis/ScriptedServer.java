package dev.jcoro.redis;

import dev.jcoro.redis.internal.resp.RespDecoder;
import dev.jcoro.redis.internal.resp.RespLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A server that answers with scripted bytes, for what a real Redis never sends: malformed frames, replies
 * nobody asked for, a pre-6.0 handshake. Each command received (decoded with the client's own decoder) is
 * passed to the script, which returns the raw bytes to send back (a NUL character in them pauses 100 ms),
 * or null to close the connection.
 * Serves connections one after another on a plain thread.
 */
final class ScriptedServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private final List<List<String>> received = java.util.Collections.synchronizedList(new ArrayList<>());

    ScriptedServer(Function<List<String>, String> script) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(script), "scripted-redis");
        thread.setDaemon(true);
        thread.start();
    }

    String uri() {
        return "redis://127.0.0.1:" + socket.getLocalPort();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** How many connections were accepted so far. */
    int connections() {
        return connections.get();
    }

    /** The commands received so far, each as its arguments. */
    List<List<String>> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    private void serve(Function<List<String>, String> script) {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                connections.incrementAndGet();
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                RespDecoder decoder = new RespDecoder(RespLimits.DEFAULT);
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                buf.limit(0);
                byte[] chunk = new byte[8192];
                boolean open = true;
                while (open) {
                    var command = decoder.decode(buf);
                    if (command == null) {
                        int n = in.read(chunk);
                        if (n < 0) {
                            break;
                        }
                        buf.compact().put(chunk, 0, n).flip();
                        continue;
                    }
                    List<String> args = new ArrayList<>();
                    for (var arg : command.asList()) {
                        args.add(arg.asText());
                    }
                    received.add(args);
                    String reply = script.apply(args);
                    if (reply == null) {
                        open = false;
                    } else {
                        // A NUL in the script is a pause: what follows is sent 100 ms later.
                        String[] parts = reply.split("\u0000", -1);
                        for (int i = 0; i < parts.length; i++) {
                            if (i > 0) {
                                sleep(100);
                            }
                            out.write(parts[i].getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                }
            } catch (IOException e) {
                // The client went away, or the server socket closed: serve the next one, or stop.
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        thread.join(5000);
    }
}
