package dev.jcoro.samples.upload;

import java.io.IOException;
import java.nio.file.Path;

/** The upload flow on a real MariaDB through jcoro's coroutine-native MySQL client. */
class MariaDbUploadTest extends UploadFlowContract {
    private MariaDbProcess mariadb;

    @Override
    String startDatabase(Path work) {
        mariadb = MariaDbProcess.start();
        return mariadb.url();
    }

    @Override
    void breakTable() throws IOException {
        mariadb.sql("RENAME TABLE " + MariaDbProcess.DATABASE + ".uploads TO " + MariaDbProcess.DATABASE + ".uploads_away");
    }

    @Override
    void repairTable() throws IOException {
        mariadb.sql("RENAME TABLE " + MariaDbProcess.DATABASE + ".uploads_away TO " + MariaDbProcess.DATABASE + ".uploads");
    }

    @Override
    void stopDatabase() {
        if (mariadb != null) {
            mariadb.close();
        }
    }
}
