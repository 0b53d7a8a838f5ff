package dev.jcoro.mysql.testing;

import java.io.IOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands test methods and constructors a {@link MariaDbServer} parameter: one server for the whole test run,
 * started on first use and stopped when the run ends (it lives in the root context's store, which closes
 * it). If it cannot start, every test that asks for it fails with the same message, which quotes the
 * server's log; the start is not retried per test.
 */
public final class MariaDbExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MariaDbExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MariaDbServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Holder holder = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Holder.class, k -> Holder.start(), Holder.class);
        if (holder.server == null) {
            throw new ParameterResolutionException(holder.failure.getMessage(), holder.failure);
        }
        return holder.server;
    }

    /** The shared server, or why it could not start; closed by JUnit at the end of the run. */
    private static final class Holder implements AutoCloseable {
        final MariaDbServer server;
        final IOException failure;

        private Holder(MariaDbServer server, IOException failure) {
            this.server = server;
            this.failure = failure;
        }

        static Holder start() {
            try {
                MariaDbServer server = MariaDbServer.start();
                System.err.printf("jcoro-mysql tests: %s started in %d ms (%s)%n", server,
                        server.startTime().toMillis(), server.startPhases());
                return new Holder(server, null);
            } catch (IOException e) {
                return new Holder(null, e);
            }
        }

        @Override
        public void close() throws IOException {
            if (server != null) {
                server.close();
            }
        }
    }
}
