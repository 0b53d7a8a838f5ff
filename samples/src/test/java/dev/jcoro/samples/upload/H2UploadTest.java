package dev.jcoro.samples.upload;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The upload flow on embedded H2 through JDBC on the offload pool (the server's default kind of database). */
class H2UploadTest extends UploadFlowContract {
    private String url;

    @Override
    String startDatabase(Path work) {
        url = "jdbc:h2:file:" + work.resolve("db").resolve("uploads");
        return url;
    }

    @Override
    void breakTable() throws SQLException {
        sql("ALTER TABLE uploads RENAME TO uploads_away");
    }

    @Override
    void repairTable() throws SQLException {
        sql("ALTER TABLE uploads_away RENAME TO uploads");
    }

    /** Runs SQL on the same embedded database the server uses (same JVM, same URL, H2's default user). */
    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Override
    void stopDatabase() {
        // Embedded: it closes with the server's pool.
    }
}
