package dev.jcoro.samples.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When Redis is gone, an upload is refused with 503 from its head alone, and the server goes on. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SessionStoreDownTest {

    @Test
    void redisDownIs503BeforeTheBodyIsRead() throws Exception {
        Path work = Files.createTempDirectory("jcoro-upload-redis-down");
        RedisProcess redis = RedisProcess.start();
        try (UploadServer server = UploadServer.start(new UploadOptions(0, redis.uri(),
                "jdbc:h2:file:" + work.resolve("db").resolve("uploads"), work.resolve("files"), 1024 * 1024))) {
            redis.session("t", "dave");
            redis.close();
            for (int attempt = 0; attempt < 2; attempt++) {
                try (RawHttp raw = RawHttp.connect(server.address())) {
                    raw.uploadHead("t", "Content-Length: 500000", "Expect: 100-continue");
                    RawHttp.Response r = raw.response();
                    assertEquals(503, r.status(), r.statusLine() + "\n" + r.body());
                    assertTrue(r.body().contains("session store is unavailable"), r.body());
                }
            }
            try (Stream<Path> files = Files.list(server.directory())) {
                assertEquals(0, files.count(), "nothing stored, not even a temporary file");
            }
        } finally {
            redis.close();
            Programs.deleteTree(work);
        }
    }
}
