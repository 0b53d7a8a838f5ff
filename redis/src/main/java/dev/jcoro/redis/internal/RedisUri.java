package dev.jcoro.redis.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A parsed {@code redis://[user:password@]host[:port][/db]} or {@code rediss://...} address.
 *
 * @param tls true for {@code rediss}
 * @param host the server's host name or address
 * @param port its port (6379 when the URI has none)
 * @param user the ACL user, or null to authenticate with a password only (the {@code default} user)
 * @param password the password, or null for no authentication
 * @param database the database to select, 0 by default
 */
public record RedisUri(boolean tls, String host, int port, String user, String password, int database) {

    /**
     * Parses a Redis URI. The user information may be {@code user:password}, {@code :password} or
     * {@code password} (the last two authenticate the default user); percent-escapes are decoded.
     *
     * @param uri the URI
     * @return its parts
     * @throws IllegalArgumentException if the scheme is not {@code redis} or {@code rediss}, the host is
     *     missing, or the path is not a database number
     */
    public static RedisUri parse(URI uri) {
        String scheme = uri.getScheme();
        if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("expected a redis:// or rediss:// URI, got " + redact(uri));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the URI names no host: " + redact(uri));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            if (colon < 0) {
                password = decode(info);
            } else {
                user = colon == 0 ? null : decode(info.substring(0, colon));
                password = decode(info.substring(colon + 1));
            }
        }
        int db = 0;
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the URI's path must be a database number, as in redis://host:6379/2, got "
                        + redact(uri));
            }
            if (db < 0) {
                throw new IllegalArgumentException("negative database number in " + redact(uri));
            }
        }
        return new RedisUri("rediss".equalsIgnoreCase(scheme), host, port, user, password, db);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URI as text with its password masked, for messages. */
    static String redact(URI uri) {
        String info = uri.getRawUserInfo();
        return info == null ? uri.toString() : uri.toString().replace(info + "@", "***@");
    }

    /**
     * How messages name this server: {@code redis 127.0.0.1:6379}.
     *
     * @return the name
     */
    public String serverName() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return (tls ? "rediss " : "redis ") + h + ":" + port;
    }

    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + (password != null ? (user != null ? user : "") + ":***@" : "")
                + host + ":" + port + "/" + database;
    }
}
