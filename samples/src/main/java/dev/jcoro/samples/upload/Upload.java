package dev.jcoro.samples.upload;

import java.time.Instant;

/**
 * One stored upload: a row of the {@code uploads} table.
 *
 * @param id the row's id, increasing in the order uploads were stored
 * @param user the user whose session sent it
 * @param path the stored file's absolute path
 * @param size its length in bytes
 * @param sha256 its SHA-256, lowercase hex
 * @param createdAt when it was stored, to the millisecond
 */
public record Upload(long id, String user, String path, long size, String sha256, Instant createdAt) {
}
