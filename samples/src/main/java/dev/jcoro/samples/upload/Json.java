package dev.jcoro.samples.upload;

import java.util.List;

/**
 * Writes uploads as JSON (RFC 8259): an upload is an object
 * {@code {"id":1,"user":"alice","path":"/srv/files/…","size":5,"sha256":"…","createdAt":"2026-11-29T00:41:07.123Z"}},
 * a list is an array of them. Only what the server sends, so no library.
 */
final class Json {
    private Json() {
    }

    /**
     * One upload as a JSON object.
     *
     * @param upload the upload
     * @return the JSON text
     */
    static String upload(Upload upload) {
        StringBuilder out = new StringBuilder(256);
        object(out, upload);
        return out.toString();
    }

    /**
     * Uploads as a JSON array of objects, in the list's order.
     *
     * @param uploads the uploads
     * @return the JSON text
     */
    static String uploads(List<Upload> uploads) {
        StringBuilder out = new StringBuilder(16 + 256 * uploads.size());
        out.append('[');
        for (int i = 0; i < uploads.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            object(out, uploads.get(i));
        }
        return out.append(']').toString();
    }

    private static void object(StringBuilder out, Upload u) {
        out.append("{\"id\":").append(u.id());
        out.append(",\"user\":");
        string(out, u.user());
        out.append(",\"path\":");
        string(out, u.path());
        out.append(",\"size\":").append(u.size());
        out.append(",\"sha256\":");
        string(out, u.sha256());
        out.append(",\"createdAt\":");
        string(out, u.createdAt().toString());
        out.append('}');
    }

    /** A JSON string: quotes, backslashes and control characters escaped; everything else as is (UTF-8 on the wire). */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
