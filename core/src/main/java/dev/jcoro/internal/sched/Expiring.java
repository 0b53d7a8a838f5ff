package dev.jcoro.internal.sched;

/**
 * A completion handler that may stop mattering before the coroutine ends: the waiter of a timed join that
 * timed out, a select clause that lost. A coroutine drops such handlers now and then, so that a long-lived
 * task polled with timeouts does not collect one dead handler per poll.
 */
interface Expiring {
    /** True once running the handler would do nothing. */
    boolean expired();
}
