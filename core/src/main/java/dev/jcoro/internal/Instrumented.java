package dev.jcoro.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on every class the jcoro rewriter has instrumented, so a second pass leaves it alone and the
 * runtime can tell an instrumented frame from an uninstrumented one. Never written by users.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Instrumented {
}
