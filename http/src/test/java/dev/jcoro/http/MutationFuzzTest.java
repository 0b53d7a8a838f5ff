package dev.jcoro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Scheduler;
import dev.jcoro.internal.sched.SchedulerImpl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Valid requests with bytes flipped, cut short, and split at every byte boundary into separate writes.
 * For every input the server must answer (with a well-formed status line) or close, and close the
 * connection by itself within its timeouts; afterwards no connection and no coroutine of it may be left.
 */
class MutationFuzzTest {
    /** Header and body timeouts 800 ms, idle 1.5 s: every connection must be closed by the server within this. */
    private static final int CLOSE_WITHIN_MS = 5000;
    private static final long SEED = Long.getLong("jcoro.http.fuzz.seed", 20261129L);

    private static final List<String> VALID = List.of(
            "GET /hello HTTP/1.1\r\nHost: x\r\nUser-Agent: fuzz\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world",
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n6\r\n world\r\n0\r\nT: 1\r\n\r\n",
            "GET /files/9?q=a+b HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /hello HTTP/1.0\r\n\r\n");

    /** One input: the writes to make, in order, and whether to end the output after them. */
    private record Input(String label, List<byte[]> writes, boolean endOutput) {
    }

    @Test
    void serverAnswersOrClosesEveryMutationAndLeavesNothingBehind() throws Exception {
        Random random = new Random(SEED);
        List<Input> inputs = new ArrayList<>();
        for (String valid : VALID) {
            byte[] bytes = valid.getBytes(StandardCharsets.US_ASCII);
            for (int split = 1; split < bytes.length; split++) {
                inputs.add(new Input("split@" + split + " " + first(valid),
                        List.of(slice(bytes, 0, split), slice(bytes, split, bytes.length)), false));
            }
            for (int i = 0; i < 60; i++) {
                byte[] flipped = bytes.clone();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
                }
                inputs.add(new Input("flip#" + i + " " + first(valid), List.of(flipped), random.nextBoolean()));
            }
            for (int i = 0; i < 20; i++) {
                int cut = random.nextInt(bytes.length);
                inputs.add(new Input("cut@" + cut + " " + first(valid), List.of(slice(bytes, 0, cut)), true));
            }
        }
        byte[] oneByOne = VALID.get(2).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> singles = new ArrayList<>();
        for (int i = 0; i < oneByOne.length; i++) {
            singles.add(slice(oneByOne, i, i + 1));
        }
        inputs.add(new Input("every byte its own write", singles, false));

        try (Scheduler scheduler = Scheduler.create(2)) {
            HttpServer server = TestServer.builder().scheduler(scheduler).start();
            ExecutorService clients = Executors.newFixedThreadPool(64);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (Input input : inputs) {
                    results.add(clients.submit(() -> exchange(server.port(), input)));
                }
                List<String> failures = new ArrayList<>();
                for (Future<String> r : results) {
                    String failure = r.get(60, TimeUnit.SECONDS);
                    if (failure != null) {
                        failures.add(failure);
                    }
                }
                assertEquals(List.of(), failures, inputs.size() + " inputs");
                assertTrue(waitFor(() -> server.openConnections() == 0), "connections left: " + server.openConnections());
                // Only the server's own two coroutines remain: the accept loop and the idle sweeper.
                SchedulerImpl impl = (SchedulerImpl) scheduler;
                assertTrue(waitFor(() -> impl.liveCount() == 2), "coroutines left: " + impl.liveCount() + "\n" + scheduler.dump());
            } finally {
                clients.shutdownNow();
                server.close();
            }
            SchedulerImpl impl = (SchedulerImpl) scheduler;
            assertTrue(waitFor(() -> impl.liveCount() == 0), "coroutines left after close: " + impl.liveCount());
        }
    }

    /** Sends one input; returns null if the server behaved, else what went wrong. */
    private static String exchange(int port, Input input) {
        long start = System.nanoTime();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(CLOSE_WITHIN_MS);
            OutputStream out = s.getOutputStream();
            try {
                for (byte[] w : input.writes) {
                    out.write(w);
                    out.flush();
                    if (input.writes.size() > 1) {
                        Thread.sleep(2);
                    }
                }
                if (input.endOutput) {
                    s.shutdownOutput();
                }
            } catch (IOException closedEarly) {
                // The server may close while a mutated request is still being written: that is an answer.
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    return input.label + ": connection still open after " + CLOSE_WITHIN_MS + " ms; got "
                            + got.toString(StandardCharsets.ISO_8859_1);
                } catch (IOException reset) {
                    n = -1;
                }
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
            }
            String text = got.toString(StandardCharsets.ISO_8859_1);
            if (!text.isEmpty() && !text.matches("(?s)HTTP/1\\.1 [1-5]\\d\\d .*")) {
                return input.label + ": malformed answer " + text;
            }
            if (!input.label.startsWith("flip") && !input.label.startsWith("cut") && !text.contains(" 200 OK")) {
                return input.label + ": a valid request was not answered 200: " + text;
            }
            return null;
        } catch (Exception e) {
            return input.label + ": " + e + " after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms";
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private static String first(String request) {
        return request.substring(0, request.indexOf('\r'));
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] s = new byte[to - from];
        System.arraycopy(b, from, s, 0, s.length);
        return s;
    }
}
