package dev.jcoro.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * Offloaded work ended; the event's duration runs from its submission (queueing included) to its end. On
 * by default above 20 ms, so that only slow blocking calls show.
 */
@Name("dev.jcoro.OffloadFinished")
@Label("Offload Finished")
@Description("Blocking work handed to the offload pool ended; the duration counts from its submission")
@Category("jcoro")
@Threshold("20 ms")
@StackTrace(false)
final class OffloadFinishedEvent extends Event {
    @Label("Coroutine Id")
    long coroutineId;

    @Label("Work")
    @Description("The class of the Callable")
    String work;

    @Label("Failed")
    @Description("True if the work threw")
    boolean failed;
}
