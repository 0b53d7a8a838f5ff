package dev.jcoro.http.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a client connection goes: scheme, host (without IPv6 brackets) and port (the scheme's default
 * filled in), the key of the connection pool. A plain class rather than a record: a record's
 * {@code hashCode} is bootstrapped through invokedynamic on first use, which costs a first request
 * around 100 ms on a loop.
 */
public final class Origin {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final boolean https;
    private final String host;
    private final int port;

    Origin(boolean https, String host, int port) {
        this.https = https;
        this.host = host;
        this.port = port;
    }

    /**
     * Whether the connection is TLS.
     *
     * @return true for https
     */
    public boolean https() {
        return https;
    }

    /**
     * The host, without IPv6 brackets, lower case.
     *
     * @return the host
     */
    public String host() {
        return host;
    }

    /**
     * The port.
     *
     * @return the port, the scheme's default filled in
     */
    public int port() {
        return port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Origin other && other.https == https && other.port == port && other.host.equals(host);
    }

    @Override
    public int hashCode() {
        return (host.hashCode() * 31 + port) * 2 + (https ? 1 : 0);
    }

    /**
     * The origin of {@code uri}.
     *
     * @param uri an absolute http or https URI
     * @return its origin
     */
    public static Origin of(URI uri) {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost();
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        return new Origin(https, host.toLowerCase(Locale.ROOT), port);
    }

    /**
     * The value of the Host header: the host, and the port unless it is the scheme's default.
     *
     * @return e.g. {@code example.com:8080} or {@code [::1]:8080}
     */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (https ? 443 : 80) ? h : h + ":" + port;
    }

    /**
     * The socket address: resolved at once for an IP literal, unresolved (to be looked up off the loop)
     * for a name.
     *
     * @return the address
     */
    public InetSocketAddress socketAddress() {
        if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException notALiteral) {
                return InetSocketAddress.createUnresolved(host, port);
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    @Override
    public String toString() {
        return (https ? "https://" : "http://") + hostHeader();
    }
}
