package dev.jcoro.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A coroutine started on its loop. Off by default: a busy server starts thousands a second. */
@Name("dev.jcoro.CoroutineStart")
@Label("Coroutine Start")
@Description("A coroutine started running on a carrier thread (the event thread)")
@Category("jcoro")
@Enabled(false)
@StackTrace(false)
final class CoroutineStartEvent extends Event {
    @Label("Coroutine Id")
    long coroutineId;
}
