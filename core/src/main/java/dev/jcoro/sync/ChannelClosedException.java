package dev.jcoro.sync;

/**
 * Thrown by {@link Channel#receive()} once the channel is closed and drained, and by {@link Channel#send}
 * on a closed channel.
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
}
