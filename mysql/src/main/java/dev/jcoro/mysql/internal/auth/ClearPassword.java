package dev.jcoro.mysql.internal.auth;

import java.sql.SQLInvalidAuthorizationSpecException;

/**
 * {@code mysql_clear_password}: the password itself, NUL-terminated, as PAM and LDAP logins need. Refused
 * on an unencrypted connection, where anyone on the path could read it.
 */
final class ClearPassword implements AuthPlugin {
    static final String NAME = "mysql_clear_password";
    private final AuthContext context;

    ClearPassword(AuthContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] respond(byte[] scramble) throws SQLInvalidAuthorizationSpecException {
        if (!context.secure()) {
            throw new SQLInvalidAuthorizationSpecException("the server asks for " + NAME + ", which sends the password"
                    + " in clear text; the client refuses that over an unencrypted connection (use sslMode REQUIRED or"
                    + " stricter)", "28000");
        }
        return java.util.Arrays.copyOf(context.password(), context.password().length + 1);
    }

    @Override
    public byte[] moreData(byte[] data) {
        return null;
    }
}
