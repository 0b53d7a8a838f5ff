package dev.jcoro.samples.upload;

import java.nio.file.Path;

/**
 * A request body received whole into a temporary file.
 *
 * @param temporary the file holding it, not yet visible under its stored name
 * @param size its length in bytes
 * @param sha256 its SHA-256, lowercase hex
 */
record ReceivedFile(Path temporary, long size, String sha256) {
}
