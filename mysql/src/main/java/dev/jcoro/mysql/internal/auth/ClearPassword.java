package dev.jcoro.mysql.internal.auth;

import java.sql.SQLInvalidAuthorizationSpecException;

/**
 * {@code mysql_clear_password}: the password itself, NUL-terminated, as PAM and LDAP logins need. Refused
 * on an unencrypted connection, where anyone on the path could read it.
 */
final class ClearPassword extends AbstractAuthPlugin {
    static final String NAME = "mysql_clear_password";

    ClearPassword(AuthContext context) {
        super(NAME, context);
    }

    @Override
    public byte[] respond(byte[] scramble) throws SQLInvalidAuthorizationSpecException {
        if (!context.secure()) {
            throw new SQLInvalidAuthorizationSpecException("the server asks for " + NAME + ", which sends the password"
                    + " in clear text; the client refuses that over an unencrypted connection (use sslMode REQUIRED or"
                    + " stricter)", "28000");
        }
        return terminatedPassword();
    }
}
