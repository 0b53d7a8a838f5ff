package dev.jcoro.internal.sched;

/**
 * The management view of a scheduler, registered as {@code dev.jcoro:type=Scheduler,name=<name>} when the
 * JVM runs with {@code -Djcoro.jmx=true}, so that a stuck program's coroutine dump can be read on demand
 * from JConsole, VisualVM or any JMX client.
 */
public interface SchedulerMXBean {
    /**
     * The coroutine dump, as {@code Scheduler.dump()} gives it.
     *
     * @return the dump text
     */
    String getDump();

    /**
     * The launched coroutines that have not ended.
     *
     * @return the count
     */
    int getLiveCoroutines();

    /**
     * The number of selector loops (carrier threads).
     *
     * @return the count
     */
    int getLoops();
}
