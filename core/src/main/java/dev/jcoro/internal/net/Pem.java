package dev.jcoro.internal.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM files (RFC 7468): X.509 certificates and unencrypted PKCS#8 private keys, the formats
 * {@code openssl} and most certificate authorities hand out. Text outside the blocks is ignored.
 */
public final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    /** One block: its label (such as {@code CERTIFICATE}) and the DER bytes it encodes. */
    public record Block(String label, byte[] der) {
    }

    private Pem() {
    }

    /**
     * Reads every block of a PEM file.
     *
     * @param file the file
     * @return its blocks in order
     * @throws IOException if the file cannot be read, or a block is unterminated or not valid base64
     */
    public static List<Block> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        String label = null;
        StringBuilder base64 = new StringBuilder();
        int beganAt = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (label == null) {
                if (line.startsWith(BEGIN) && line.endsWith(DASHES)) {
                    label = line.substring(BEGIN.length(), line.length() - DASHES.length());
                    beganAt = i + 1;
                    base64.setLength(0);
                }
            } else if (line.equals(END + label + DASHES)) {
                blocks.add(new Block(label, decode(base64, file, beganAt)));
                label = null;
            } else if (line.indexOf(':') >= 0) {
                throw new IOException(file + " line " + (i + 1) + ": the " + label + " block has headers (\"" + line
                        + "\"), the mark of a legacy encrypted key; decrypt it to PKCS#8 with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem'");
            } else {
                base64.append(line);
            }
        }
        if (label != null) {
            throw new IOException(file + " line " + beganAt + ": the " + label + " block has no '" + END + label
                    + DASHES + "' line");
        }
        return blocks;
    }

    /**
     * The X.509 certificates of a PEM file, in file order (for a chain: the leaf first).
     *
     * @param file the file
     * @return the certificates, possibly none
     * @throws IOException if the file cannot be read or is malformed
     * @throws GeneralSecurityException if a certificate cannot be parsed
     */
    public static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block b : read(file)) {
            if (b.label().equals("CERTIFICATE")) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        }
        return certificates;
    }

    /**
     * The one unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}) of a PEM file.
     *
     * @param file the file
     * @param algorithm the key's algorithm ("RSA", "EC", "EdDSA"), usually that of the certificate's public key
     * @return the key
     * @throws IOException if the file has no such key, more than one, or one in another format (PKCS#1, SEC1,
     *     encrypted PKCS#8): the message says how to convert it
     * @throws GeneralSecurityException if the key is not a valid {@code algorithm} key
     */
    public static PrivateKey privateKey(Path file, String algorithm) throws IOException, GeneralSecurityException {
        Block key = null;
        for (Block b : read(file)) {
            switch (b.label()) {
                case "PRIVATE KEY" -> {
                    if (key != null) {
                        throw new IOException(file + " holds more than one private key; keep the one that "
                                + "matches the certificate");
                    }
                    key = b;
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IOException(file + " holds a " + b.label()
                        + " (PKCS#1/SEC1); convert it to PKCS#8 with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem'");
                case "ENCRYPTED PRIVATE KEY" -> throw new IOException(file + " holds an encrypted private key; "
                        + "decrypt it with 'openssl pkcs8 -in KEY -out KEY.plain.pem'");
                default -> {
                    // certificates and parameters may share the file
                }
            }
        }
        if (key == null) {
            throw new IOException(file + " holds no '-----BEGIN PRIVATE KEY-----' block");
        }
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key.der()));
    }

    private static byte[] decode(CharSequence base64, Path file, int line) throws IOException {
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " line " + line + ": the block is not valid base64: " + e.getMessage(), e);
        }
    }
}
