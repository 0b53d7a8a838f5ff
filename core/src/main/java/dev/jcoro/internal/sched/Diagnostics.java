package dev.jcoro.internal.sched;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The loggers the runtime reports through, so that its diagnostics reach whatever logging framework the
 * application has bridged {@link System.Logger} to (by default {@code java.util.logging}, on standard
 * error). One logger per concern, named so that each can be turned up or down on its own. Each logger is
 * looked up on its first report, not when the first scheduler starts: the lookup sets up the logging backend
 * ({@code java.util.logging}'s {@code LogManager} by default), which a program that never hears from jcoro
 * should not pay for at start-up.
 */
final class Diagnostics {
    /** Coroutines that block their carrier thread. */
    static final Diagnostics WATCHDOG = new Diagnostics("dev.jcoro.watchdog");
    /** Loops that fail, schedulers that cannot close cleanly, management registration. */
    static final Diagnostics SCHEDULER = new Diagnostics("dev.jcoro.scheduler");

    private final String name;
    /** Written once by whichever thread reports first; two racing lookups find the same logger. */
    private volatile Logger logger;

    private Diagnostics(String name) {
        this.name = name;
    }

    private Logger logger() {
        Logger l = logger;
        if (l == null) {
            logger = l = System.getLogger(name);
        }
        return l;
    }

    /** Logs a problem the program should hear about, at WARNING. */
    void report(String message) {
        logger().log(Level.WARNING, message);
    }

    /** Logs a failure with its cause, at ERROR. */
    void failure(String message, Throwable cause) {
        logger().log(Level.ERROR, message, cause);
    }
}
