package dev.jcoro.http.internal;

import dev.jcoro.http.HttpStatusException;

/**
 * A request target taken apart (RFC 9112 §3.2): origin-form {@code /path?query}, absolute-form
 * {@code http://host/path?query} (its path and query are used), and asterisk-form {@code *} for
 * {@code OPTIONS}. Authority-form (CONNECT) is refused: this server is no proxy.
 *
 * @param rawPath the path with escapes left in
 * @param rawQuery the query without {@code ?}, or null
 * @param path the path decoded
 */
public record RequestTarget(String rawPath, String rawQuery, String path) {

    /**
     * Parses {@code target}.
     *
     * @param method the request method
     * @param target the target as sent
     * @return the parts
     * @throws HttpStatusException 400 for a target of another form or with a broken escape
     */
    public static RequestTarget parse(String method, String target) throws HttpStatusException {
        String t = target;
        if (t.charAt(0) != '/') {
            if (t.equals("*") && method.equals("OPTIONS")) {
                return new RequestTarget("*", null, "*");
            }
            int scheme = t.regionMatches(true, 0, "http://", 0, 7) ? 7 : t.regionMatches(true, 0, "https://", 0, 8) ? 8 : -1;
            if (scheme < 0) {
                throw new HttpStatusException(400, "request target must be a path starting with /", true);
            }
            int slash = t.indexOf('/', scheme);
            int question = t.indexOf('?', scheme);
            if (slash < 0 || (question >= 0 && question < slash)) {
                t = "/" + (question >= 0 ? t.substring(question) : "");
            } else {
                t = t.substring(slash);
            }
        }
        int q = t.indexOf('?');
        String rawPath = q < 0 ? t : t.substring(0, q);
        String rawQuery = q < 0 ? null : t.substring(q + 1);
        return new RequestTarget(rawPath, rawQuery, Percent.decode(rawPath, false));
    }
}
