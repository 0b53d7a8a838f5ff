package dev.jcoro.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A coroutine handed blocking work to the offload pool. Off by default; its stack shows the caller. */
@Name("dev.jcoro.OffloadSubmitted")
@Label("Offload Submitted")
@Description("A coroutine handed blocking work to the scheduler's offload pool (Coroutines.offload)")
@Category("jcoro")
@Enabled(false)
final class OffloadSubmittedEvent extends Event {
    @Label("Coroutine Id")
    long coroutineId;

    @Label("Work")
    @Description("The class of the Callable")
    String work;
}
