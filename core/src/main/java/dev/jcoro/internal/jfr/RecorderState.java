package dev.jcoro.internal.jfr;

import jdk.jfr.FlightRecorder;

/**
 * Whether the flight recorder has been initialized. Kept apart from {@link JfrCommits} so that asking loads
 * {@code jdk.jfr.FlightRecorder} alone and no event class (the verifier of a class that passes events around may
 * load them), and apart from {@link RuntimeEvents} so that a runtime without {@code jdk.jfr} never loads it.
 */
final class RecorderState {
    private RecorderState() {
    }

    static boolean initialized() {
        return FlightRecorder.isInitialized();
    }
}
