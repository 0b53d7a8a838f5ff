package dev.jcoro.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdleSweeperTest {
    private static ServerConfig config(long headerMillis, long idleMillis) {
        return new ServerConfig((rq, rs) -> { }, dev.jcoro.http.HttpLimits.defaults(),
                TimeUnit.MILLISECONDS.toNanos(headerMillis), TimeUnit.MILLISECONDS.toNanos(idleMillis), 1);
    }

    @Test
    void sweepsTenTimesPerTheShorterTimeoutWithinItsBounds() {
        assertEquals(TimeUnit.MILLISECONDS.toNanos(80), IdleSweeper.period(config(800, 1500)));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(150), IdleSweeper.period(config(5000, 1500)));
        assertEquals(IdleSweeper.MAX_PERIOD_NANOS, IdleSweeper.period(config(10_000, 60_000)), "defaults: once a second");
        assertEquals(IdleSweeper.MIN_PERIOD_NANOS, IdleSweeper.period(config(20, 20)));
    }
}
