package dev.jcoro.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message published to a channel, as a {@link Subscription} delivers it.
 *
 * @param channel the channel it was published to
 * @param pattern the pattern that matched the channel, for a {@code PSUBSCRIBE}; null for a plain
 *     subscription
 * @param payload the message's bytes (not copied; do not change them)
 */
public record PubSubMessage(String channel, String pattern, byte[] payload) {
    /** @param channel not null; @param pattern may be null; @param payload not null */
    public PubSubMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * The payload decoded as UTF-8.
     *
     * @return the text
     */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PubSubMessage m && channel.equals(m.channel) && Objects.equals(pattern, m.pattern)
                && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channel, pattern) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "PubSubMessage[" + channel + (pattern != null ? " via " + pattern : "") + ": "
                + (payload.length <= 200 ? text() : payload.length + " bytes") + "]";
    }
}
