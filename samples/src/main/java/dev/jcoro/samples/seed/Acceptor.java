package dev.jcoro.samples.seed;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.net.TcpServerSocket;
import dev.jcoro.net.TcpSocket;
import java.io.IOException;

/** The accept loop both sample servers share: one coroutine per connection, until the socket closes. */
final class Acceptor {
    /** What a server does with one connection; runs in its own coroutine. */
    @FunctionalInterface
    interface ConnectionHandler {
        @Suspendable
        void handle(TcpSocket client);
    }

    private Acceptor() {
    }

    @Suspendable
    static void serve(TcpServerSocket server, ConnectionHandler handler) {
        while (true) {
            TcpSocket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            Coroutines.launch(() -> handler.handle(client));
        }
    }
}
