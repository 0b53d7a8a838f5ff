package dev.jcoro.internal.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Records the runtime's JFR events into a file and reads them back. */
@Timeout(60)
class RuntimeEventsTest {
    /**
     * The mistake the watchdog exists for: a blocking sleep inside a coroutine. Twenty times the threshold: the
     * watchdog does not count the time its own ticks come late (a machine too busy to run the process), and on a
     * loaded two-core machine 400 ms once stayed under the 50 ms it needs.
     */
    static void blockingHelper() throws InterruptedException {
        Thread.sleep(1000);
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    @Test
    void aBlockedCarrierIsRecordedWithItsStackAndDuration(@TempDir Path dir) throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        Path file = dir.resolve("blocked.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.jcoro.BlockedCarrier");
            recording.enable("dev.jcoro.CoroutineStart");
            recording.enable("dev.jcoro.CoroutineEnd");
            recording.start();
            try (Scheduler s = Scheduler.builder().threads(1).blockedThreshold(Duration.ofMillis(50))
                    .blockedReporter(reports::add).build()) {
                s.launch(() -> {
                    blockingHelper();
                    return null;
                }).join();
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> blocked = named(events, "dev.jcoro.BlockedCarrier");
        assertEquals(1, blocked.size(), events.toString());
        RecordedEvent e = blocked.get(0);
        assertTrue(e.getDuration("blocked").compareTo(Duration.ofMillis(50)) >= 0, e.toString());
        assertTrue(e.getString("stack").contains("java.lang.Thread.sleep"), e.getString("stack"));
        assertTrue(e.getString("stack").contains("RuntimeEventsTest.blockingHelper"), e.getString("stack"));
        assertTrue(e.getThread("carrier").getJavaName().endsWith("-loop-0"), e.getThread("carrier").getJavaName());
        assertEquals(1, reports.size(), "the watchdog's report goes out beside the event");

        long id = e.getLong("coroutineId");
        List<RecordedEvent> starts = named(events, "dev.jcoro.CoroutineStart");
        List<RecordedEvent> ends = named(events, "dev.jcoro.CoroutineEnd");
        assertEquals(List.of(id), starts.stream().map(s -> s.getLong("coroutineId")).collect(Collectors.toList()));
        assertEquals(List.of(id), ends.stream().map(s -> s.getLong("coroutineId")).collect(Collectors.toList()));
        assertEquals("returned", ends.get(0).getString("outcome"));
    }

    @Test
    void offloadsAndFailuresAreRecorded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("offload.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.jcoro.OffloadSubmitted");
            recording.enable("dev.jcoro.OffloadFinished").withThreshold(Duration.ZERO);
            recording.enable("dev.jcoro.CoroutineEnd");
            recording.start();
            try (Scheduler s = Scheduler.create(1)) {
                s.launch(() -> Coroutines.offload(() -> "done")).join();
                try {
                    s.launch(() -> {
                        throw new IllegalStateException("on purpose");
                    }).join();
                } catch (IllegalStateException expected) {
                    // Recorded as a failed coroutine.
                }
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        assertEquals(1, named(events, "dev.jcoro.OffloadSubmitted").size(), events.toString());
        List<RecordedEvent> finished = named(events, "dev.jcoro.OffloadFinished");
        assertEquals(1, finished.size(), events.toString());
        assertEquals(false, finished.get(0).getBoolean("failed"));
        List<String> outcomes = named(events, "dev.jcoro.CoroutineEnd").stream()
                .map(e -> e.getString("outcome") + " " + e.getString("exception")).sorted().collect(Collectors.toList());
        assertEquals(List.of("failed java.lang.IllegalStateException", "returned "), outcomes);
    }

    /**
     * jcoro leaves the flight recorder alone until a recording starts (setting it up costs start-up time), and a
     * recording started after the first coroutines still gets the events. A fresh JVM, since this one may have
     * started recordings already.
     */
    @Test
    void coroutinesDoNotSetUpTheRecorderAndALateRecordingStillGetsTheirEvents() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-javaagent:")).forEach(command::add);
        command.addAll(List.of("-Xlog:class+load=info:stdout", "-cp", System.getProperty("java.class.path"), LateRecordingMain.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        int recordingStarts = output.indexOf("starting a recording");
        assertTrue(recordingStarts > 0, output);
        assertFalse(output.substring(0, recordingStarts).contains(CoroutineStartEvent.class.getName() + " "),
                "no event class loads before a recording starts");
        assertFalse(output.substring(0, recordingStarts).contains("jdk.jfr.internal.MetadataRepository "),
                "nor does JFR's metadata");
        assertTrue(output.contains("coroutine starts recorded late: 1"), output);
    }
}
