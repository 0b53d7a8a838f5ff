package dev.jcoro.http.internal;

import dev.jcoro.http.HttpHandler;
import dev.jcoro.http.HttpLimits;

/**
 * What every connection of one server needs to know, fixed when the server starts.
 *
 * @param handler the application
 * @param limits the size limits
 * @param headerTimeoutNanos how long a request head may take to arrive, from its first byte (from accept
 *     for a connection's first request)
 * @param idleTimeoutNanos how long a kept-alive connection may wait for its next request
 * @param bodyTimeoutNanos how long a body read may wait for a byte
 */
public record ServerConfig(HttpHandler handler, HttpLimits limits, long headerTimeoutNanos, long idleTimeoutNanos,
        long bodyTimeoutNanos) {
}
