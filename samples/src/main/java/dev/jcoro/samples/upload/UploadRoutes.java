package dev.jcoro.samples.upload;

import dev.jcoro.Suspendable;
import dev.jcoro.http.HttpRequest;
import dev.jcoro.http.HttpResponse;
import dev.jcoro.http.Router;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The seed's upload flow as two routes, each straight-line code that suspends at every step:
 * {@code POST /upload} checks the session in Redis, streams the body to disk, records it in the database
 * and answers 201 with the row; {@code GET /files} lists the rows, oldest first.
 */
final class UploadRoutes {
    private static final String JSON = "application/json";

    private final SessionCheck sessions;
    private final BodyToFile receiver;
    private final UploadDirectory directory;
    private final UploadRepository repository;

    UploadRoutes(SessionCheck sessions, BodyToFile receiver, UploadDirectory directory, UploadRepository repository) {
        this.sessions = sessions;
        this.receiver = receiver;
        this.directory = directory;
        this.repository = repository;
    }

    /**
     * The router with both routes.
     *
     * @return the router
     */
    Router router() {
        return Router.builder()
                .post("/upload", this::upload)
                .get("/files", this::files)
                .build();
    }

    /**
     * {@code POST /upload}. The session is checked before the body is read, so a stranger's body is never
     * stored, not even temporarily. The stored file gets its name before the row is inserted, and loses it
     * again if the insert fails: whatever fails, nothing is left behind.
     */
    @Suspendable
    private void upload(HttpRequest request, HttpResponse response) throws Exception {
        String user = sessions.userOf(request);
        if (user == null) {
            response.status(401).header("WWW-Authenticate", "Bearer").send("a valid Authorization: Bearer <token> is required\n");
            return;
        }
        ReceivedFile received = receiver.receive(request.body());
        Path stored = directory.moveIntoPlace(received.temporary(), request.header("X-File-Name"));
        Upload upload = record(user, stored, received);
        response.status(201).header("Content-Type", JSON).send(bytes(Json.upload(upload)));
    }

    @Suspendable
    private Upload record(String user, Path stored, ReceivedFile received) throws IOException, SQLException {
        boolean recorded = false;
        try {
            Upload upload = repository.insert(user, stored.toString(), received.size(), received.sha256(), Instant.now());
            recorded = true;
            return upload;
        } finally {
            if (!recorded) {
                directory.delete(stored);
            }
        }
    }

    /** {@code GET /files}. */
    @Suspendable
    private void files(HttpRequest request, HttpResponse response) throws Exception {
        response.header("Content-Type", JSON).send(bytes(Json.uploads(repository.listAll())));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
