package dev.jcoro.samples.upload;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns the name a client asks for ({@code X-File-Name}) into a safe, unique file name: no directories,
 * no hidden files, nothing the shell or the file system would read specially.
 */
final class FileNames {
    /** The longest name kept from the client's, extension included. */
    static final int MAX_LENGTH = 100;
    /** The name of a file sent without one (or with nothing usable in it). */
    static final String UNNAMED = "upload";

    private FileNames() {
    }

    /**
     * The client's name made safe: only its last path segment; characters other than ASCII letters, digits,
     * {@code .}, {@code _} and {@code -} become {@code _} (non-ASCII too, because the JVM may run with an
     * ASCII file-name encoding); leading dots removed, so it can be neither {@code ..} nor hidden nor
     * mistaken for a temporary file; at most {@value #MAX_LENGTH} characters, keeping the extension.
     *
     * @param requested the header's value, or null
     * @return a non-empty name without separators that does not start with a dot
     */
    static String sanitize(String requested) {
        if (requested == null) {
            return UNNAMED;
        }
        int slash = Math.max(requested.lastIndexOf('/'), requested.lastIndexOf('\\'));
        String last = requested.substring(slash + 1);
        StringBuilder safe = new StringBuilder(last.length());
        for (int i = 0; i < last.length(); i++) {
            char c = last.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (safe.length() == 0 && c == '.') {
                continue;
            }
            safe.append(plain ? c : '_');
        }
        if (safe.length() == 0) {
            return UNNAMED;
        }
        if (safe.length() > MAX_LENGTH) {
            int dot = safe.lastIndexOf(".");
            String extension = dot > 0 && safe.length() - dot <= 16 ? safe.substring(dot) : "";
            return safe.substring(0, MAX_LENGTH - extension.length()) + extension;
        }
        return safe.toString();
    }

    /**
     * A stored name: the sanitized name behind a random prefix, so that two uploads of {@code report.pdf}
     * never meet. The caller still creates it without replacing anything, and draws again on a collision.
     *
     * @param requested the header's value, or null
     * @return e.g. {@code 5f0c2a9e71d4b3c8-report.pdf}
     */
    static String unique(String requested) {
        return String.format("%016x-%s", ThreadLocalRandom.current().nextLong(), sanitize(requested));
    }
}
