package dev.jcoro.samples.upload;

import dev.jcoro.Suspendable;
import dev.jcoro.http.HttpRequest;
import dev.jcoro.http.HttpStatusException;
import dev.jcoro.redis.RedisClient;
import java.io.IOException;
import java.util.Objects;

/**
 * Who sent a request: the bearer token of its {@code Authorization} header looked up in Redis, where a
 * session is the string key {@code session:<token>} holding the user name. Reads only the request's head,
 * so a refused request is answered before a byte of its body is read.
 */
final class SessionCheck {
    private static final String BEARER = "Bearer ";

    private final RedisClient redis;

    SessionCheck(RedisClient redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    /**
     * The user whose session the request's bearer token names. Call from the request's coroutine.
     *
     * @param request the request
     * @return the user name stored in the session, or null if the header is missing, is not a bearer
     *     token, or names no session
     * @throws HttpStatusException 503 if Redis cannot be asked
     */
    @Suspendable
    String userOf(HttpRequest request) throws HttpStatusException {
        String token = bearerToken(request.header("Authorization"));
        if (token == null) {
            return null;
        }
        try {
            return redis.get("session:" + token);
        } catch (IOException e) {
            throw new HttpStatusException(503, "the session store is unavailable: " + e.getMessage());
        }
    }

    /** The token of a {@code Bearer} credential (scheme case-insensitive, RFC 9110 §11.1), or null. */
    static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
