package dev.jcoro.internal.sched;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The loggers the runtime reports through, so that its diagnostics reach whatever logging framework the
 * application has bridged {@link System.Logger} to (by default {@code java.util.logging}, on standard
 * error). One logger per concern, named so that each can be turned up or down on its own.
 */
final class Diagnostics {
    /** Coroutines that block their carrier thread. */
    static final Diagnostics WATCHDOG = new Diagnostics("dev.jcoro.watchdog");
    /** Loops that fail, schedulers that cannot close cleanly, management registration. */
    static final Diagnostics SCHEDULER = new Diagnostics("dev.jcoro.scheduler");

    private final Logger logger;

    private Diagnostics(String name) {
        this.logger = System.getLogger(name);
    }

    /** Logs a problem the program should hear about, at WARNING. */
    void report(String message) {
        logger.log(Level.WARNING, message);
    }

    /** Logs a failure with its cause, at ERROR. */
    void failure(String message, Throwable cause) {
        logger.log(Level.ERROR, message, cause);
    }
}
