package dev.jcoro.mysql.internal.auth;

import java.sql.SQLInvalidAuthorizationSpecException;

/** Creates the plugin a server names, for one login attempt. */
public final class AuthPlugins {
    private AuthPlugins() {
    }

    /**
     * Creates the plugin called {@code name}.
     *
     * @param name the plugin the server asked for
     * @param context the password and the connection's security
     * @return a fresh plugin
     * @throws SQLInvalidAuthorizationSpecException if this client does not implement it
     */
    public static AuthPlugin create(String name, AuthContext context) throws SQLInvalidAuthorizationSpecException {
        switch (name) {
            case NativePassword.NAME:
                return new NativePassword(context);
            case CachingSha2Password.NAME:
                return new CachingSha2Password(context);
            case ClearPassword.NAME:
                return new ClearPassword(context);
            case Ed25519Password.NAME:
                return new Ed25519Password(context);
            default:
                throw new SQLInvalidAuthorizationSpecException("the server asks for authentication plugin '" + name
                        + "', which jcoro-mysql does not implement (it has " + NativePassword.NAME + ", "
                        + CachingSha2Password.NAME + ", " + ClearPassword.NAME + ", " + Ed25519Password.NAME + ")",
                        "28000");
        }
    }
}
