package dev.jcoro.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The watchdog saw a coroutine hold its carrier thread past the threshold. Committed by the watchdog's own
 * thread, so the event's stack trace would be the watchdog's: the carrier's stack is a field instead.
 */
@Name("dev.jcoro.BlockedCarrier")
@Label("Blocked Carrier Thread")
@Description("A coroutine held its carrier thread without suspending (Thread.sleep, a blocking call), "
        + "stalling every other coroutine of that loop")
@Category("jcoro")
@StackTrace(false)
final class BlockedCarrierEvent extends Event {
    @Label("Coroutine Id")
    long coroutineId;

    @Label("Carrier Thread")
    Thread carrier;

    @Label("Blocked For")
    @Description("How long the coroutine had held the carrier when the watchdog saw it")
    @Timespan(Timespan.NANOSECONDS)
    long blocked;

    @Label("Carrier Stack")
    @Description("The carrier thread's stack at that moment, innermost frame first")
    String stack;
}
