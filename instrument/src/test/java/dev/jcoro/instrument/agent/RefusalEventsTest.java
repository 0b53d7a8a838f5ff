package dev.jcoro.instrument.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.Names;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;

/** A refusal of the agent is printed and recorded as a JFR event with the same message. */
class RefusalEventsTest {
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile("""
            package fixture;
            public class Refused { Refused() { } }
            """);

    /** The class with {@code @Suspendable} on its constructor, which javac will not compile. */
    private static byte[] refused() {
        ClassNode node = Bytecode.node(CLASSES.get("fixture/Refused"));
        Bytecode.method(node, "<init>").visibleAnnotations = new ArrayList<>(List.of(new AnnotationNode(Names.SUSPENDABLE_DESC)));
        return Bytecode.write(node);
    }

    @Test
    void aRefusalIsRecordedWithItsClassAndMessage(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        JcoroTransformer transformer = new JcoroTransformer(AgentOptions.parse(""),
                new PrintStream(logged, true, StandardCharsets.UTF_8));
        Path file = dir.resolve("refusal.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.jcoro.InstrumentationRefusal");
            recording.start();
            transformer.transform(new Bytecode.MemoryLoader(CLASSES), "fixture/Refused", null, null, refused());
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> refusals = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.jcoro.InstrumentationRefusal"))
                .collect(Collectors.toList());
        assertEquals(1, refusals.size(), refusals.toString());
        RecordedEvent e = refusals.get(0);
        assertEquals("fixture.Refused", e.getString("className"));
        String message = e.getString("message");
        assertTrue(message.contains("not allowed on a constructor"), message);
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("[jcoro] ERROR: " + message), logged.toString(StandardCharsets.UTF_8));
    }
}
