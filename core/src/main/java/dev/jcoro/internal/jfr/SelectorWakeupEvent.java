package dev.jcoro.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A loop woke from its selector well after the time it asked for: its timers fire late. A sign of a
 * starved machine (more busy threads than cores) or of long pauses of the whole process.
 */
@Name("dev.jcoro.SelectorWakeup")
@Label("Late Selector Wake-up")
@Description("A loop slept in its selector past its timeout; its timers (sleep, withTimeout, socket timeouts) fired late")
@Category("jcoro")
@StackTrace(false)
final class SelectorWakeupEvent extends Event {
    @Label("Timeout")
    @Description("How long the loop meant to sleep")
    @Timespan(Timespan.NANOSECONDS)
    long timeout;

    @Label("Lateness")
    @Description("How much longer it slept")
    @Timespan(Timespan.NANOSECONDS)
    long lateness;
}
