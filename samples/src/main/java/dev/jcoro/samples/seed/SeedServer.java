package dev.jcoro.samples.seed;

import dev.jcoro.http.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the demo's endpoint runs: in this JVM, or, when both ends of N connections would not fit under
 * this process's file-descriptor limit, in a child JVM started the same way as this one.
 */
abstract class SeedServer implements AutoCloseable {
    abstract InetSocketAddress address();

    static SeedServer start(int concurrentClients, Duration delay) throws IOException {
        return 2L * concurrentClients + 512 < maxFileDescriptors() ? new InProcess(delay) : new ChildProcess(delay);
    }

    private static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return Long.MAX_VALUE;
    }

    private static final class InProcess extends SeedServer {
        private final HttpServer server;

        InProcess(Duration delay) throws IOException {
            server = JsonEndpoint.start(delay);
        }

        @Override
        InetSocketAddress address() {
            return server.address();
        }

        @Override
        public void close() {
            server.close(Duration.ofSeconds(1));
        }
    }

    private static final class ChildProcess extends SeedServer {
        private final Process process;
        private final InetSocketAddress address;

        ChildProcess(Duration delay) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), String.valueOf(delay.toMillis())));
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            String port = out.readLine();
            if (port == null) {
                throw new IOException("the server process exited before it printed its port");
            }
            address = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port.trim()));
        }

        @Override
        InetSocketAddress address() {
            return address;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    /** The child JVM: serves until its standard input closes (when the parent exits or closes it). */
    static final class Main {
        private Main() {
        }

        public static void main(String[] args) throws Exception {
            try (InProcess server = new InProcess(Duration.ofMillis(Long.parseLong(args[0])))) {
                System.out.println(server.address().getPort());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to go away
                }
            }
        }
    }
}
