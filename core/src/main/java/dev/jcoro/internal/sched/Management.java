package dev.jcoro.internal.sched;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Registers schedulers with the platform MBean server when {@code -Djcoro.jmx=true}. Off by default:
 * starting the MBean server costs tens of milliseconds that a short program should not pay.
 */
final class Management {
    private Management() {
    }

    static ObjectName register(String name, SchedulerMXBean bean) {
        if (!Boolean.getBoolean("jcoro.jmx")) {
            return null;
        }
        try {
            ObjectName on = new ObjectName("dev.jcoro:type=Scheduler,name=" + name);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, on);
            return on;
        } catch (JMException e) {
            Diagnostics.SCHEDULER.report("jcoro: could not register scheduler " + name + " with JMX: " + e);
            return null;
        }
    }

    static void unregister(ObjectName on) {
        if (on == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(on);
        } catch (JMException e) {
            // Already gone: nothing left to clean up.
        }
    }
}
