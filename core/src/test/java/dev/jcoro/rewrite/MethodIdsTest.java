package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Method ids are handed out at run time, so methods whose names hash alike keep their own entries. */
class MethodIdsTest {
    @Suspendable
    static void Aa() {
        Continuation.suspend();
    }

    @Suspendable
    static void BB() {
        Aa();
    }

    @Test
    void methodsWhoseQualifiedNamesHaveTheSameHashKeepTheirOwnNames() {
        // The ids used to be String.hashCode() of owner.name+desc: these two collided and shared one entry.
        assertEquals((MethodIdsTest.class.getName().replace('.', '/') + ".Aa()V").hashCode(),
                (MethodIdsTest.class.getName().replace('.', '/') + ".BB()V").hashCode());
        Continuation c = new Continuation(MethodIdsTest::BB);
        c.resume();
        List<String> names = Arrays.stream(c.getStackTrace()).map(StackTraceElement::getMethodName).toList();
        assertEquals("Aa", names.get(0));
        assertEquals("BB", names.get(1));
        c.resume();
    }

    @Test
    void eachInstrumentedClassReservesItsOwnIds() throws Exception {
        int mine = idsOf(MethodIdsTest.class);
        int other = idsOf(RefusalUnwindsTest.class);
        assertNotEquals(mine, other);
    }

    private static int idsOf(Class<?> c) throws Exception {
        var field = c.getDeclaredField("jcoro$methodIds");
        field.setAccessible(true);
        return field.getInt(null);
    }
}
