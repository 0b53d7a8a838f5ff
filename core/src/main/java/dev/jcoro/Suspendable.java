package dev.jcoro;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that may pause its coroutine.
 *
 * <p>The jcoro agent ({@code -javaagent:jcoro-agent.jar}) or the offline instrumenter rewrites every
 * method so marked, every method that overrides or implements one, and every lambda whose functional
 * interface method is one, into a resumable state machine. Outside a {@link Continuation} such a
 * method runs as ordinary Java.
 *
 * <pre>{@code
 * @Suspendable
 * String fetch(TcpSocket socket) throws IOException {
 *     socket.write(request);      // may pause here ...
 *     return readAll(socket);     // ... and here, and continue later on any thread
 * }
 * }</pre>
 *
 * <p>Placed on an annotation type, it makes every method carrying that annotation suspendable, as if the
 * method were annotated itself (one level: an annotation on that annotation type is not followed further).
 * {@code jcoro-test}'s {@code @CoroutineTest} is such an annotation.
 *
 * <p>Constructors and static initialisers cannot be suspendable; the instrumenter refuses them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface Suspendable {
}
