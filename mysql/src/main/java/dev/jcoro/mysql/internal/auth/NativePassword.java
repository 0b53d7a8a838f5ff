package dev.jcoro.mysql.internal.auth;

/**
 * {@code mysql_native_password}: {@code SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password)))}. The
 * server stores {@code SHA1(SHA1(password))}, so the password itself never travels. MariaDB's default.
 */
final class NativePassword extends AbstractAuthPlugin {
    static final String NAME = "mysql_native_password";

    NativePassword(AuthContext context) {
        super(NAME, context);
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
        byte[] seed = nonce(scramble, 20);
        byte[] stage1 = Digests.digest("SHA-1", password);
        byte[] stage2 = Digests.digest("SHA-1", stage1);
        return Digests.xor(stage1, Digests.digest("SHA-1", seed, stage2));
    }
}
