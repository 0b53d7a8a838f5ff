package dev.jcoro.samples.upload;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The upload server's command line, parsed: {@code --port P --redis URI --db URL --dir DIR [--max-bytes N]}.
 * Every option takes one value, in any order, each at most once.
 *
 * @param port the TCP port on 127.0.0.1 (0 picks a free one)
 * @param redisUri where sessions live, {@code redis://[user:password@]host:port[/db]} ({@code rediss://} for TLS,
 *     trusting the JDK's authorities)
 * @param databaseUrl a JDBC URL ({@code jdbc:h2:file:/path/uploads}) or {@code mysql://user:password@host:port/db}
 * @param directory where stored files go (created if missing)
 * @param maxBytes the largest body accepted; larger ones get 413
 */
public record UploadOptions(int port, String redisUri, String databaseUrl, Path directory, long maxBytes) {
    /** The body limit when {@code --max-bytes} is not given: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    /** What {@link #parse} accepts, for the error message of a wrong command line. */
    public static final String USAGE = "usage: UploadServer --port P --redis redis://HOST:PORT"
            + " --db (jdbc:h2:file:/PATH | mysql://USER:PASSWORD@HOST:PORT/DATABASE) --dir DIR [--max-bytes N]";

    private static final List<String> REQUIRED = List.of("--port", "--redis", "--db", "--dir");
    private static final List<String> KNOWN = List.of("--port", "--redis", "--db", "--dir", "--max-bytes");

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the port is out of range, {@code maxBytes} is not positive, or a
     *     URL has the wrong scheme
     */
    public UploadOptions {
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(directory, "directory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 to 65535: " + port);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("--max-bytes must be at least 1: " + maxBytes);
        }
        if (!redisUri.startsWith("redis://") && !redisUri.startsWith("rediss://")) {
            throw new IllegalArgumentException("--redis must be a redis://host:port URI (rediss:// for TLS): " + redisUri);
        }
        if (!databaseUrl.startsWith("jdbc:") && !databaseUrl.startsWith("mysql://")) {
            throw new IllegalArgumentException("--db must be a JDBC URL (jdbc:h2:file:/path/uploads) or a"
                    + " mysql://user:password@host:port/database URL: " + databaseUrl);
        }
    }

    /**
     * Parses the command line.
     *
     * @param args the arguments of {@code main}
     * @return the options
     * @throws IllegalArgumentException naming the first thing wrong: an unknown, repeated, valueless or
     *     missing option, or a bad value
     */
    public static UploadOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            if (values.put(name, args[i + 1]) != null) {
                throw new IllegalArgumentException(name + " is given twice");
            }
        }
        for (String name : REQUIRED) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("missing " + name);
            }
        }
        String maxBytes = values.get("--max-bytes");
        return new UploadOptions((int) number("--port", values.get("--port"), 65535), values.get("--redis"),
                values.get("--db"), Path.of(values.get("--dir")),
                maxBytes == null ? DEFAULT_MAX_BYTES : number("--max-bytes", maxBytes, Long.MAX_VALUE));
    }

    private static long number(String name, String value, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 0 to " + max + ": " + value);
    }
}
