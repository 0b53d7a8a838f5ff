package dev.jcoro.samples.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The header parsing; the Redis lookup is tested against a real redis-server by {@link UploadFlowContract}. */
class SessionCheckTest {

    @Test
    void bearerTokensAreTakenFromTheHeader() {
        assertEquals("abc", SessionCheck.bearerToken("Bearer abc"));
        assertEquals("abc", SessionCheck.bearerToken("bearer   abc "));
        assertEquals("a.b-c_d~", SessionCheck.bearerToken("BEARER a.b-c_d~"));
    }

    @Test
    void otherCredentialsAreNoToken() {
        assertNull(SessionCheck.bearerToken(null));
        assertNull(SessionCheck.bearerToken(""));
        assertNull(SessionCheck.bearerToken("Bearer"));
        assertNull(SessionCheck.bearerToken("Bearer "));
        assertNull(SessionCheck.bearerToken("Basic YWxpY2U6eA=="));
        assertNull(SessionCheck.bearerToken("Bearerabc"));
    }
}
