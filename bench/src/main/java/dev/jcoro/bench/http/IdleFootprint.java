package dev.jcoro.bench.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * Heap per idle keep-alive connection: starts one of {@link HelloServers} in this JVM, has a Python client
 * in another process open N connections that each make one {@code GET /hello} and then stay open, and
 * prints the growth of the used heap (after full collections) divided by N. The client lives in its own
 * process so that its sockets do not count. Usage: {@code IdleFootprint KIND N}.
 */
public final class IdleFootprint {
    private static final String CLIENT = String.join("\n",
            "import socket, sys",
            "n, port = int(sys.argv[1]), int(sys.argv[2])",
            "conns = []",
            "for i in range(n):",
            "    s = socket.create_connection(('127.0.0.1', port))",
            "    s.sendall(b'GET /hello HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n')",
            "    conns.append(s)",
            "for s in conns:",
            "    got = b''",
            "    while not got.endswith(b'hello'): got += s.recv(4096)",
            "print('idle', len(conns), flush=True)",
            "sys.stdin.read()",
            "");

    private IdleFootprint() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int n = Integer.parseInt(args[1]);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        HelloServers.start(kind, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2);
        warmUp(port);
        long before = usedHeap();
        Process client = new ProcessBuilder("python3", "-c", CLIENT, String.valueOf(n), String.valueOf(port))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        if (line == null || !line.startsWith("idle")) {
            throw new IllegalStateException("the client did not open its connections: " + line);
        }
        long after = usedHeap();
        System.out.printf("%s: %d idle keep-alive connections, %.2f KiB of heap each%n", kind, n, (after - before) / 1024.0 / n);
        client.destroy();
        System.exit(0);
    }

    /** A few requests first, so that classes and pools that every server sets up once are not counted. */
    private static void warmUp(int port) throws Exception {
        java.net.http.HttpClient c = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 200; i++) {
            c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }

    private static long usedHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
