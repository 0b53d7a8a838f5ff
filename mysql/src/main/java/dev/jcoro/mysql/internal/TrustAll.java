package dev.jcoro.mysql.internal;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context of {@code SslMode.PREFERRED} and {@code REQUIRED}: it accepts any server certificate,
 * which is what those modes promise (encryption without authentication, as in MySQL's own clients).
 */
final class TrustAll {
    private static final SSLContext CONTEXT = create();

    private TrustAll() {
    }

    static SSLContext context() {
        return CONTEXT;
    }

    private static SSLContext create() {
        X509TrustManager acceptAny = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // A client never asks this side to check a client.
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // Deliberately accepts any certificate: the modes using this context do not authenticate.
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAny}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no TLS", e);
        }
    }
}
