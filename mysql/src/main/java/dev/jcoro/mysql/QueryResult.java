package dev.jcoro.mysql;

/**
 * What a statement reports besides rows: the server's OK packet.
 *
 * @param affectedRows rows inserted, updated or deleted (for an UPDATE, those actually changed)
 * @param lastInsertId the first AUTO_INCREMENT value the statement generated, 0 if none (unsigned: a
 *     negative value is one above {@code Long.MAX_VALUE})
 * @param warnings how many warnings the statement raised ({@code SHOW WARNINGS} lists them)
 */
public record QueryResult(long affectedRows, long lastInsertId, int warnings) {
}
