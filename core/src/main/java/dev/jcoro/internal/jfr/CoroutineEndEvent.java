package dev.jcoro.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A coroutine ended. Off by default, like {@link CoroutineStartEvent}. */
@Name("dev.jcoro.CoroutineEnd")
@Label("Coroutine End")
@Description("A coroutine ended: it returned, threw or was cancelled")
@Category("jcoro")
@Enabled(false)
@StackTrace(false)
final class CoroutineEndEvent extends Event {
    @Label("Coroutine Id")
    long coroutineId;

    @Label("Outcome")
    @Description("returned, failed or cancelled")
    String outcome;

    @Label("Exception")
    @Description("The class of what it threw; empty when it returned")
    String exception;
}
