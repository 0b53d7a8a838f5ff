package dev.jcoro.mysql.internal.auth;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * What every plugin here shares: its name, the login's {@link AuthContext}, the single-step default for
 * {@link #moreData}, and the two byte shapes the protocol hands around (the scramble cut to its nonce, the
 * password with its NUL terminator). Used from the connecting coroutine only.
 */
abstract class AbstractAuthPlugin implements AuthPlugin {
    final AuthContext context;
    private final String name;

    AbstractAuthPlugin(String name, AuthContext context) {
        this.name = name;
        this.context = context;
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * A single-step plugin is done once it has answered the scramble: the server never sends it more data, so
     * an AuthMoreData packet is ignored rather than answered with a guess.
     */
    @Override
    public byte[] moreData(byte[] data) throws SQLException {
        return null;
    }

    /** The first {@code length} bytes of the scramble: servers append a NUL that is not part of the nonce. */
    static byte[] nonce(byte[] scramble, int length) {
        return scramble.length > length ? Arrays.copyOf(scramble, length) : scramble;
    }

    /** The password followed by a NUL, as it travels when it is sent itself (TLS or RSA-encrypted). */
    final byte[] terminatedPassword() {
        return Arrays.copyOf(context.password(), context.password().length + 1);
    }
}
