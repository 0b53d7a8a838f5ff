package dev.jcoro.bench.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory per idle keep-alive connection: starts one of {@link HelloServers} in this JVM, has a Python client
 * in another process open N connections that each make one {@code GET /hello} and then stay open, and
 * prints the growth of the used heap (after full collections) and of the process's resident set, each
 * divided by N. The client lives in its own process so that its sockets do not count.
 *
 * <p>Run it with {@code -Xms} equal to {@code -Xmx} and {@code -XX:+AlwaysPreTouch}: the whole heap is then
 * resident before the first measurement, so the resident-set growth is what the connections hold outside
 * the heap (direct buffers, native memory, thread stacks), and heap plus off-heap is the total. The kernel's
 * socket buffers belong to no process and are not counted. Usage: {@code IdleFootprint KIND N}; prints one
 * line {@code idle KIND N HEAP_KIB OFFHEAP_KIB}, the last two per connection.
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
            "    while not got.endswith(b'hello'):",
            "        more = s.recv(4096)",
            "        if not more: raise SystemExit('server closed a connection')",
            "        got += more",
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
        long heapBefore = usedHeap();
        long rssBefore = residentBytes();
        Process client = new ProcessBuilder("python3", "-c", CLIENT, String.valueOf(n), String.valueOf(port))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        if (line == null || !line.startsWith("idle")) {
            client.destroy();
            throw new IllegalStateException("the client did not open its connections: " + line);
        }
        // Let the servers finish whatever follows a response (buffer release, idle bookkeeping) first.
        Thread.sleep(1000);
        long heapAfter = usedHeap();
        long rssAfter = residentBytes();
        System.out.printf("idle %s %d %.2f %.2f%n", kind, n, (heapAfter - heapBefore) / 1024.0 / n,
                (rssAfter - rssBefore) / 1024.0 / n);
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

    /** The used heap after full collections, the least of five. */
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

    /** This process's resident set (VmRSS of /proc/self/status), in bytes. */
    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
