package dev.jcoro.sync;

/**
 * Thrown by {@link Channel#receive()} once the channel is closed and drained, and by {@link Channel#send}
 * on a closed channel. If the channel was closed with {@link Channel#close(Throwable)}, the cause is that
 * failure.
 */
public class ChannelClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused
     */
    public ChannelClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception for a channel closed because of a failure.
     *
     * @param message what was refused
     * @param cause the failure given to {@link Channel#close(Throwable)}; may be null
     */
    public ChannelClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
