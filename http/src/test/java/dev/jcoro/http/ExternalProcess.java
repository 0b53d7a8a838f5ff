package dev.jcoro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program that nobody here wrote (curl, python3) and returns its standard output. A missing
 * program fails the test with a message naming the Debian package, never skips it.
 */
final class ExternalProcess {
    private ExternalProcess() {
    }

    static String run(List<String> command, String debianPackage) throws IOException, InterruptedException {
        requireOnPath(command.get(0), debianPackage);
        File err = File.createTempFile("jcoro-http-", ".stderr");
        try {
            Process p = new ProcessBuilder(command).redirectError(err).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command.get(0) + " did not finish within 60 s");
            }
            String stderr = java.nio.file.Files.readString(err.toPath());
            assertEquals(0, p.exitValue(), () -> command + " failed: " + stderr);
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            err.delete();
        }
    }

    static void requireOnPath(String program, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)));
        for (String dir : dirs) {
            if (new File(dir, program).canExecute()) {
                return;
            }
        }
        fail(program + " is not installed; this test needs it (Debian package " + debianPackage
                + ": apt-get install -y " + debianPackage + ")");
    }

    static void assertContains(String haystack, String needle) {
        assertTrue(haystack.contains(needle), () -> "expected \"" + needle + "\" in:\n" + haystack);
    }
}
