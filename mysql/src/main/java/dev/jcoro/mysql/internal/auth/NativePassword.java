package dev.jcoro.mysql.internal.auth;

/**
 * {@code mysql_native_password}: {@code SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password)))}. The
 * server stores {@code SHA1(SHA1(password))}, so the password itself never travels. MariaDB's default.
 */
final class NativePassword implements AuthPlugin {
    static final String NAME = "mysql_native_password";
    private final AuthContext context;

    NativePassword(AuthContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] respond(byte[] scramble) {
        return scramble(context.password(), scramble);
    }

    /** The response for {@code password} and the first 20 bytes of {@code scramble}; empty for no password. */
    static byte[] scramble(byte[] password, byte[] scramble) {
        if (password.length == 0) {
            return new byte[0];
        }
        byte[] seed = scramble.length > 20 ? java.util.Arrays.copyOf(scramble, 20) : scramble;
        byte[] stage1 = Digests.digest("SHA-1", password);
        byte[] stage2 = Digests.digest("SHA-1", stage1);
        return Digests.xor(stage1, Digests.digest("SHA-1", seed, stage2));
    }

    @Override
    public byte[] moreData(byte[] data) {
        // The server never sends more data for this plugin; ignore rather than guess at a reply.
        return null;
    }
}
