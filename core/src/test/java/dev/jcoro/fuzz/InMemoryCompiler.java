package dev.jcoro.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles many generated compilation units in one javac task, entirely in memory: no files to write, read
 * back or clean up, and one task's set-up serves a whole batch.
 */
final class InMemoryCompiler {
    private final JavaCompiler javac;
    private final StandardJavaFileManager files;
    private final List<String> options;

    InMemoryCompiler() {
        javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        files = javac.getStandardFileManager(null, null, null);
        // -g keeps line numbers and local variable tables, as a Maven build does, so the rewriter must keep them valid.
        options = List.of("-g", "-nowarn", "-proc:none", "-Xlint:none", "-classpath", classPath());
    }

    /** The test class path; surefire may hide it behind a manifest-only jar, so its own property is added. */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String property : new String[] {"surefire.test.class.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                entries.addAll(List.of(value.split(File.pathSeparator)));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Compiles {@code sources}.
     *
     * @param sources binary class name to source
     * @return binary class name to class file, nested classes included
     * @throws CompilationFailed if any unit does not compile; it names the units with errors
     */
    Map<String, byte[]> compile(Map<String, String> sources) {
        List<JavaFileObject> units = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            units.add(new Source(e.getKey(), e.getValue()));
        }
        Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
        ForwardingJavaFileManager<StandardJavaFileManager> memory = new ForwardingJavaFileManager<>(files) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        outputs.put(className, bytes);
                        return bytes;
                    }
                };
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean ok = javac.getTask(null, memory, diagnostics, options, null, units).call();
        if (!ok) {
            Map<String, List<String>> errors = new LinkedHashMap<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() instanceof Source s) {
                    errors.computeIfAbsent(s.className, k -> new ArrayList<>())
                            .add("line " + d.getLineNumber() + ": " + d.getMessage(null));
                }
            }
            throw new CompilationFailed(errors, diagnostics.getDiagnostics().toString());
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /** A generated unit that javac rejected: a bug in the generator, reported with the offending units. */
    static final class CompilationFailed extends RuntimeException {
        final Map<String, List<String>> errorsByClass;

        CompilationFailed(Map<String, List<String>> errorsByClass, String all) {
            super(errorsByClass.isEmpty() ? all : errorsByClass.toString());
            this.errorsByClass = errorsByClass;
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        final String className;
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.className = className;
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
