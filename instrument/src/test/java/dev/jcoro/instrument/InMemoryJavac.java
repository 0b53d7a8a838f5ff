package dev.jcoro.instrument;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Test helper: compiles Java source strings in memory, together with tiny stand-ins for the two jcoro names
 * the instrumenter matches ({@code @dev.jcoro.Suspendable} and {@code dev.jcoro.Continuation.suspend()}).
 * The instrument module has no dependency on core, so the stand-ins are what test sources compile against.
 */
public final class InMemoryJavac {
    /** Matches the real annotation's retention and target; the rewriter only looks at its descriptor. */
    public static final String SUSPENDABLE_SOURCE = """
            package dev.jcoro;
            import java.lang.annotation.*;
            @Retention(RetentionPolicy.RUNTIME) @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
            public @interface Suspendable {}
            """;

    /** Outside a continuation the real {@code suspend} throws; a no-op lets hoisted code run as plain Java. */
    public static final String CONTINUATION_SOURCE = """
            package dev.jcoro;
            public final class Continuation {
                @Suspendable public static void suspend() {}
            }
            """;

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|enum|record)\\s+(\\w+)");

    private InMemoryJavac() {
    }

    /**
     * Compiles {@code sources} (each one compilation unit; its first type names the file) with debug
     * information, plus the stand-ins.
     *
     * @return every class file produced, by internal name, stand-ins included
     * @throws AssertionError with javac's diagnostics if compilation fails
     */
    public static Map<String, byte[]> compile(String... sources) {
        List<String> all = new ArrayList<>(List.of(SUSPENDABLE_SOURCE, CONTINUATION_SOURCE));
        all.addAll(List.of(sources));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (String source : all) {
            units.add(new Source(fileName(source), source));
        }
        StringWriter diagnostics = new StringWriter();
        try (JavaFileManager files = new Output(javac.getStandardFileManager(null, null, null), outputs)) {
            boolean ok = javac.getTask(diagnostics, files, null, List.of("-g", "--release", "17", "-proc:none"), null, units).call();
            if (!ok) {
                throw new AssertionError("test source does not compile:\n" + diagnostics);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    private static String fileName(String source) {
        Matcher p = PACKAGE.matcher(source);
        Matcher t = TYPE.matcher(source);
        if (!t.find()) {
            throw new IllegalArgumentException("no type declared in test source:\n" + source);
        }
        return (p.find() ? p.group(1).replace('.', '/') + "/" : "") + t.group(1) + ".java";
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String path, String code) {
            super(URI.create("mem:///" + path), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    private static final class Output extends ForwardingJavaFileManager<JavaFileManager> {
        private final Map<String, ByteArrayOutputStream> outputs;

        Output(JavaFileManager standard, Map<String, ByteArrayOutputStream> outputs) {
            super(standard);
            this.outputs = outputs;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            if (location != StandardLocation.CLASS_OUTPUT || kind != JavaFileObject.Kind.CLASS) {
                throw new IllegalArgumentException("unexpected output " + location + " " + className);
            }
            String internal = className.replace('.', '/');
            return new SimpleJavaFileObject(URI.create("mem:///" + internal + ".class"), kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    outputs.put(internal, out);
                    return out;
                }
            };
        }
    }
}
