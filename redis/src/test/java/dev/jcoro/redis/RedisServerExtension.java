package dev.jcoro.redis;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real {@link RedisServer} shared by every test of a class: started before the first test, stopped after
 * the last. A test class that only needs "a server" registers it instead of writing its own start and stop:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension server = new RedisServerExtension();
 * }</pre>
 *
 * <p>Tests that start a server with other arguments, or stop one on purpose, use {@link RedisServer} directly.
 * Like {@link RedisServer#start}, a server that cannot start fails the class; it never skips.
 */
final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
    private RedisServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server's URI, as {@link RedisServer#uri()}; valid between the class's first and last test. */
    String uri() {
        if (server == null) {
            throw new IllegalStateException("the Redis server runs only while the test class runs");
        }
        return server.uri();
    }
}
