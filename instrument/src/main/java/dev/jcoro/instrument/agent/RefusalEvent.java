package dev.jcoro.instrument.agent;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The agent left a method uninstrumented (or refused a whole class); the message says why and where. */
@Name("dev.jcoro.InstrumentationRefusal")
@Label("Instrumentation Refusal")
@Description("The jcoro agent could not rewrite a method; it loads uninstrumented and cannot suspend")
@Category("jcoro")
@StackTrace(false)
final class RefusalEvent extends Event {
    @Label("Class")
    String className;

    @Label("Message")
    @Description("Class, method, source line and the reason, as printed on standard error")
    String message;
}
