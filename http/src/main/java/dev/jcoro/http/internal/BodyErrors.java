package dev.jcoro.http.internal;

import dev.jcoro.http.HttpStatusException;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * How a body reader reports the two failures whose meaning depends on the side: a stall and a connection
 * that ends early. On the server they become statuses (408 and close); on the client they stay the
 * {@link IOException}s a caller expects, with a message naming the peer's fault.
 */
public enum BodyErrors {
    /** A request body on the server. */
    SERVER {
        @Override
        IOException stalled(SocketTimeoutException e) {
            return new HttpStatusException(408, "request body stalled: " + e.getMessage(), true);
        }

        @Override
        IOException endedEarly(String what) {
            return new HttpStatusException(400, "connection ended before the end of the request body (" + what + ")",
                    true);
        }

        @Override
        IOException failed(IOException e) {
            return e instanceof HttpStatusException ? e
                    : new HttpStatusException(400, "connection failed while reading the request body: " + e, true);
        }
    },
    /** A response body on the client. */
    CLIENT {
        @Override
        IOException stalled(SocketTimeoutException e) {
            return e;
        }

        @Override
        IOException failed(IOException e) {
            return e;
        }

        @Override
        IOException endedEarly(String what) {
            return new EOFException("server closed the connection before the end of the response body (" + what + ")");
        }
    };

    abstract IOException stalled(SocketTimeoutException e);

    abstract IOException endedEarly(String what);

    /** A read from the socket failed (reset, closed under us). */
    abstract IOException failed(IOException e);
}
