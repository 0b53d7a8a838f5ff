package dev.jcoro.net;

import dev.jcoro.internal.net.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext}s a {@link TlsSocket} needs: a server's from its certificate chain and key
 * (PEM files or a {@link KeyStore}), a client's from the JDK's trusted authorities or from given ones.
 *
 * <pre>{@code
 * SSLContext server = TlsContexts.server(Path.of("fullchain.pem"), Path.of("privkey.pem"));
 * SSLContext client = TlsContexts.client(Path.of("my-ca.pem"));      // trust only this authority
 * SSLContext web = TlsContexts.client();                            // the JDK's trust store
 * }</pre>
 *
 * <p>The contexts are immutable and thread-safe: build one per configuration and share it among all
 * connections. The methods may be called from any thread; they read files, so inside a coroutine call them
 * at start-up or through {@link dev.jcoro.Coroutines#offload}.
 */
public final class TlsContexts {
    /** Protects the key inside an in-memory key store that never leaves this class. */
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private TlsContexts() {
    }

    /**
     * A server context from PEM files: the certificate chain (the server's certificate first, then the
     * intermediates) and the unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}), RSA, EC or
     * EdDSA. Both may be the same file.
     *
     * @param certificateChain the PEM file with the chain
     * @param privateKey the PEM file with the key
     * @return the context
     * @throws IOException if a file cannot be read, holds no certificate or no PKCS#8 key (the message says how
     *     to convert other key formats), or the key does not belong to the certificate
     * @throws GeneralSecurityException if a certificate or the key cannot be parsed
     */
    public static SSLContext server(Path certificateChain, Path privateKey) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = Pem.certificates(certificateChain);
        if (chain.isEmpty()) {
            throw new IOException(certificateChain + " holds no '-----BEGIN CERTIFICATE-----' block");
        }
        PublicKey publicKey = chain.get(0).getPublicKey();
        PrivateKey key = Pem.privateKey(privateKey, publicKey.getAlgorithm());
        if (!belongTogether(key, publicKey)) {
            throw new IOException("the private key in " + privateKey + " does not belong to the certificate "
                    + chain.get(0).getSubjectX500Principal() + " at the head of " + certificateChain);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
        return server(store, IN_MEMORY_PASSWORD);
    }

    /**
     * A server context from a key store holding the server's key and certificate chain.
     *
     * @param keyStore the key store, loaded (see {@link #keyStore(Path, char[])})
     * @param keyPassword the password of the key entry (for PKCS#12 files, usually the store's password)
     * @return the context
     * @throws GeneralSecurityException if the key cannot be recovered (wrong password) or used
     */
    public static SSLContext server(KeyStore keyStore, char[] keyPassword) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, keyPassword);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /**
     * The JDK's default client context: it trusts the authorities of the JDK's trust store (or of
     * {@code -Djavax.net.ssl.trustStore}).
     *
     * @return the context
     */
    public static SSLContext client() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK offers no default TLS context", e);
        }
    }

    /**
     * A client context that trusts the certificates of {@code trustStore} (and nothing else).
     *
     * @param trustStore the key store with the trusted certificates, loaded
     * @return the context
     * @throws GeneralSecurityException if the store cannot be used
     */
    public static SSLContext client(KeyStore trustStore) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /**
     * A client context that trusts the certificates of a PEM file (one or more authorities, or a
     * self-signed server certificate) and nothing else.
     *
     * @param trustedCertificates the PEM file
     * @return the context
     * @throws IOException if the file cannot be read or holds no certificate
     * @throws GeneralSecurityException if a certificate cannot be parsed
     */
    public static SSLContext client(Path trustedCertificates) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = Pem.certificates(trustedCertificates);
        if (certificates.isEmpty()) {
            throw new IOException(trustedCertificates + " holds no '-----BEGIN CERTIFICATE-----' block");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("trusted-" + i, certificates.get(i));
        }
        return client(store);
    }

    /**
     * Loads a key store file, PKCS#12 or JKS (the type is recognised from the content).
     *
     * @param file the key store
     * @param password its password
     * @return the loaded store
     * @throws IOException if the file cannot be read, or the password is wrong
     * @throws GeneralSecurityException if the file is not a key store of a known type
     */
    public static KeyStore keyStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        return KeyStore.getInstance(file.toFile(), password);
    }

    /**
     * Tells whether {@code key} is the private half of {@code publicKey}, by signing a probe, so that a
     * mismatched pair fails here with a clear message and not in every handshake.
     */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true;    // no probe for this kind of key; a mismatch then fails in the handshake
        }
        byte[] probe = "jcoro key probe".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        return verifier.verify(signature);
    }
}
