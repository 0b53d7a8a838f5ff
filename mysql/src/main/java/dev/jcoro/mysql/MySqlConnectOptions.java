package dev.jcoro.mysql;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where and how to connect: server, credentials, database, timeouts, the prepared-statement cache. Immutable
 * and thread-safe; build one with {@link #builder()} or {@link #parse(String)} and share it.
 *
 * <pre>{@code
 * MySqlConnectOptions options = MySqlConnectOptions.parse("mysql://app:secret@127.0.0.1:3306/shop");
 * MySqlConnectOptions tuned = options.toBuilder().queryTimeout(Duration.ofSeconds(5)).build();
 * }</pre>
 */
public final class MySqlConnectOptions {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String database;
    private final Duration connectTimeout;
    private final Duration queryTimeout;
    private final int preparedStatementCacheSize;
    private final Map<String, String> attributes;
    private final String serverRsaPublicKey;
    private final boolean allowPublicKeyRetrieval;
    private final String authPlugin;
    private final int maxPacketSize;
    private final SslMode sslMode;
    private final SSLContext sslContext;

    private MySqlConnectOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.user = b.user;
        this.password = b.password;
        this.database = b.database;
        this.connectTimeout = b.connectTimeout;
        this.queryTimeout = b.queryTimeout;
        this.preparedStatementCacheSize = b.preparedStatementCacheSize;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.serverRsaPublicKey = b.serverRsaPublicKey;
        this.allowPublicKeyRetrieval = b.allowPublicKeyRetrieval;
        this.authPlugin = b.authPlugin;
        this.maxPacketSize = b.maxPacketSize;
        this.sslMode = b.sslMode;
        this.sslContext = b.sslContext;
    }

    /**
     * A builder with the defaults: {@code 127.0.0.1:3306}, user {@code root} without password, no database,
     * a 10-second connect timeout, no query timeout, 256 cached prepared statements.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses {@code mysql://[user[:password]@]host[:port][/database][?name=value&...]}. User and password
     * are URL-decoded. Parameters: {@code connectTimeout} and {@code queryTimeout} (ISO-8601 like
     * {@code PT5S}, or milliseconds), {@code preparedStatementCacheSize}, {@code allowPublicKeyRetrieval},
     * {@code sslMode} (a {@link SslMode} name, any case).
     *
     * @param url the URL
     * @return the options
     * @throws IllegalArgumentException if the URL is not a {@code mysql://} URL or a parameter is unknown
     *     or malformed
     */
    public static MySqlConnectOptions parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a mysql:// URL: " + e.getMessage(), e);
        }
        if (!"mysql".equalsIgnoreCase(uri.getScheme()) && !"mariadb".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not a mysql:// URL: " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        Builder b = builder().host(uri.getHost());
        if (uri.getPort() != -1) {
            b.port(uri.getPort());
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            b.user(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                b.password(decode(userInfo.substring(colon + 1)));
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            b.database(decode(path.substring(1)));
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                parameter(b, name, value);
            }
        }
        return b.build();
    }

    private static void parameter(Builder b, String name, String value) {
        switch (name) {
            case "connectTimeout":
                b.connectTimeout(duration(name, value));
                break;
            case "queryTimeout":
                b.queryTimeout(duration(name, value));
                break;
            case "preparedStatementCacheSize":
                b.preparedStatementCacheSize(Integer.parseInt(value));
                break;
            case "allowPublicKeyRetrieval":
                b.allowPublicKeyRetrieval(Boolean.parseBoolean(value));
                break;
            case "sslMode":
                try {
                    b.sslMode(SslMode.valueOf(value.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("sslMode must be one of " + Arrays.toString(SslMode.values())
                            + ": " + value, e);
                }
                break;
            default:
                throw new IllegalArgumentException("unknown parameter '" + name + "' in a mysql:// URL (known: "
                        + "connectTimeout, queryTimeout, preparedStatementCacheSize, allowPublicKeyRetrieval, sslMode)");
        }
    }

    private static Duration duration(String name, String value) {
        try {
            return value.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(value)
                    : Duration.ofMillis(Long.parseLong(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " is neither milliseconds nor an ISO-8601 duration: " + value, e);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * A builder that starts from these options.
     *
     * @return a new builder holding these values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.user = user;
        b.password = password;
        b.database = database;
        b.connectTimeout = connectTimeout;
        b.queryTimeout = queryTimeout;
        b.preparedStatementCacheSize = preparedStatementCacheSize;
        b.attributes.putAll(attributes);
        b.serverRsaPublicKey = serverRsaPublicKey;
        b.allowPublicKeyRetrieval = allowPublicKeyRetrieval;
        b.authPlugin = authPlugin;
        b.maxPacketSize = maxPacketSize;
        b.sslMode = sslMode;
        b.sslContext = sslContext;
        return b;
    }

    /** The server's host name or address. */
    public String host() {
        return host;
    }

    /** The server's port. */
    public int port() {
        return port;
    }

    /**
     * The address to connect to: resolved for an IP literal, unresolved for a name (which the socket then
     * resolves on the blocking pool, since name resolution blocks).
     */
    public InetSocketAddress address() {
        if (host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("malformed IP address " + host, e);
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** The user name. */
    public String user() {
        return user;
    }

    /** The password; empty for none. */
    public String password() {
        return password;
    }

    /** The initial database, or null for none. */
    public String database() {
        return database;
    }

    /** How long connecting and logging in may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The default limit on one statement; {@link Duration#ZERO} for none. */
    public Duration queryTimeout() {
        return queryTimeout;
    }

    /** How many prepared statements a connection keeps for reuse; 0 turns the cache off. */
    public int preparedStatementCacheSize() {
        return preparedStatementCacheSize;
    }

    /** The connection attributes sent besides the client's own ({@code _client_name} and others). */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** The server's RSA public key (PEM) for {@code caching_sha2_password} without TLS, or null. */
    public String serverRsaPublicKey() {
        return serverRsaPublicKey;
    }

    /** Whether {@code caching_sha2_password} may ask the server for its RSA key. */
    public boolean allowPublicKeyRetrieval() {
        return allowPublicKeyRetrieval;
    }

    /** The plugin the client answers the greeting with, or null for the one the server proposes. */
    public String authPlugin() {
        return authPlugin;
    }

    /** The largest packet accepted from the server, in bytes. */
    public int maxPacketSize() {
        return maxPacketSize;
    }

    /** Whether and how the connection is encrypted. */
    public SslMode sslMode() {
        return sslMode;
    }

    /**
     * The trusted authorities for {@link SslMode#VERIFY_CA} and {@link SslMode#VERIFY_IDENTITY}, or null for
     * the JDK's default trust store.
     */
    public SSLContext sslContext() {
        return sslContext;
    }

    @Override
    public String toString() {
        return "mysql://" + user + "@" + host + ":" + port + (database == null ? "" : "/" + database);
    }

    /** Collects options; not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 3306;
        private String user = "root";
        private String password = "";
        private String database;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration queryTimeout = Duration.ZERO;
        private int preparedStatementCacheSize = 256;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private String serverRsaPublicKey;
        private boolean allowPublicKeyRetrieval;
        private String authPlugin;
        private int maxPacketSize = 1 << 30;
        private SslMode sslMode = SslMode.DISABLED;
        private SSLContext sslContext;

        private Builder() {
        }

        /** Sets whether and how the connection is encrypted (default {@link SslMode#DISABLED}). */
        public Builder sslMode(SslMode mode) {
            this.sslMode = Objects.requireNonNull(mode, "sslMode");
            return this;
        }

        /**
         * Sets the trusted authorities for {@link SslMode#VERIFY_CA} and {@link SslMode#VERIFY_IDENTITY}, e.g.
         * {@code TlsContexts.client(Path.of("ca.pem"))}; null (the default) uses the JDK's trust store.
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /** Sets the server's host name or address. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Sets the server's port. */
        public Builder port(int port) {
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Sets host and port from an address. */
        public Builder address(InetSocketAddress address) {
            return host(address.getHostString()).port(address.getPort());
        }

        /** Sets the user name. */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /** Sets the password; null or empty for none. */
        public Builder password(String password) {
            this.password = password == null ? "" : password;
            return this;
        }

        /** Sets the initial database; null for none. */
        public Builder database(String database) {
            this.database = database;
            return this;
        }

        /** Sets how long connecting and logging in may take; zero waits without limit. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = nonNegative(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets the default limit on one statement, from sending it to reading its last row. When it passes,
         * the client sends {@code KILL QUERY} on a second connection and the statement fails with
         * {@link MySqlTimeoutException}; the connection stays usable. Zero for none.
         */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = nonNegative(timeout, "queryTimeout");
            return this;
        }

        /** Sets how many prepared statements a connection keeps for reuse; 0 turns the cache off. */
        public Builder preparedStatementCacheSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("negative preparedStatementCacheSize: " + size);
            }
            this.preparedStatementCacheSize = size;
            return this;
        }

        /** Adds a connection attribute (visible in {@code performance_schema.session_connect_attrs}). */
        public Builder attribute(String name, String value) {
            attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets the server's RSA public key (PEM) for {@code caching_sha2_password} full authentication without TLS. */
        public Builder serverRsaPublicKey(String pem) {
            this.serverRsaPublicKey = pem;
            return this;
        }

        /**
         * Lets {@code caching_sha2_password} ask the server for its RSA key when it has none. A
         * man-in-the-middle could hand out its own key, so it is off by default.
         */
        public Builder allowPublicKeyRetrieval(boolean allow) {
            this.allowPublicKeyRetrieval = allow;
            return this;
        }

        /**
         * Answers the greeting with this plugin instead of the server's proposal; the server switches to
         * the user's plugin if it differs. Null (the default) follows the server.
         */
        public Builder authPlugin(String plugin) {
            this.authPlugin = plugin;
            return this;
        }

        /** Sets the largest packet accepted from the server (default 1 GiB, the server's own maximum). */
        public Builder maxPacketSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxPacketSize below 1 KiB: " + bytes);
            }
            this.maxPacketSize = bytes;
            return this;
        }

        /** Builds the options. */
        public MySqlConnectOptions build() {
            return new MySqlConnectOptions(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be zero or positive: " + d);
            }
            return d;
        }
    }
}
