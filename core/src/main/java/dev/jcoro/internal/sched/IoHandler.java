package dev.jcoro.internal.sched;

import java.nio.channels.SelectionKey;

/** What a loop calls when a channel registered with its selector becomes ready; the key's attachment. */
public interface IoHandler {
    /**
     * Called on the loop's thread with the key whose channel is ready.
     *
     * @param key the selected key; its {@code readyOps()} say for what
     */
    void onReady(SelectionKey key);
}
