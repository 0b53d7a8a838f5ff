package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Continuation;
import dev.jcoro.instrument.classify.ClassInfo;
import dev.jcoro.instrument.classify.CoreApi;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The instrumenter ships a list of core's suspendable API so that it knows it without core on its class
 * path; this keeps the list equal to core's classes. On a mismatch the right list is written to
 * {@code core/target/jcoro-core-api.txt}: copy it to instrument/src/main/resources/dev/jcoro/instrument/classify/.
 */
class CoreApiListTest {
    @Test
    void theInstrumentersListOfCoreTypesMatchesCoresClasses() throws Exception {
        Path classes = Path.of(Continuation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<ClassInfo> infos = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                infos.add(ClassInfo.parse(Files.readAllBytes(f)));
            }
        }
        String expected = CoreApi.render(infos);
        String shipped;
        try (InputStream in = CoreApi.class.getResourceAsStream(CoreApi.RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(shipped)) {
            Files.writeString(classes.resolveSibling("jcoro-core-api.txt"), expected);
        }
        assertTrue(expected.contains("dev/jcoro/Coroutines java/lang/Object - "), expected);
        assertEquals(expected, shipped, "the list is out of date; the right one is in core/target/jcoro-core-api.txt");
    }
}
