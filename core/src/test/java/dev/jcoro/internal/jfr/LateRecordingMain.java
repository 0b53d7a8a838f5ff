package dev.jcoro.internal.jfr;

import dev.jcoro.Coroutines;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/**
 * Run in a fresh JVM by {@link RuntimeEventsTest}: coroutines run first, with no recording; then a recording
 * starts and one more coroutine runs. Prints a line when the recording starts (the test checks which classes
 * loaded before it), and how many coroutine starts the late recording saw.
 */
public final class LateRecordingMain {
    private LateRecordingMain() {
    }

    public static void main(String[] args) throws Exception {
        Coroutines.run(() -> Coroutines.launch(() -> "child").join());
        System.out.println("starting a recording");
        Path file = Files.createTempFile("late", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.jcoro.CoroutineStart");
            recording.enable("dev.jcoro.CoroutineEnd");
            recording.start();
            Coroutines.run(() -> "recorded");
            recording.stop();
            recording.dump(file);
        }
        long starts = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.jcoro.CoroutineStart")).count();
        Files.delete(file);
        System.out.println("coroutine starts recorded late: " + starts);
    }
}
