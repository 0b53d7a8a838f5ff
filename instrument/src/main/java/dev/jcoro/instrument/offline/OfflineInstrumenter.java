package dev.jcoro.instrument.offline;

import dev.jcoro.instrument.ClassInstrumenter;
import dev.jcoro.instrument.InstrumentationResult;
import dev.jcoro.instrument.Report;
import dev.jcoro.instrument.classify.ClassBytesSource;
import dev.jcoro.instrument.classify.ClassHierarchy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Instruments a directory or a jar of classes ahead of time, so the program runs without the agent.
 *
 * <pre>
 * java -jar jcoro-agent.jar [--verbose] [--cp CLASSPATH] INPUT [OUTPUT]
 * </pre>
 *
 * INPUT is a directory of classes or a jar; OUTPUT (a directory or jar) defaults to rewriting INPUT in
 * place. {@code --cp} lists the libraries INPUT depends on, so that their suspendable methods, and the
 * methods overriding them, are found; jcoro-core's own API is known without it. Every type that
 * classification needed and could not find is reported. The exit status is 1 if a method had to be left
 * uninstrumented or a type could not be resolved, 2 on a usage error.
 *
 * <p>Build tools call {@link #instrument(Path, Path, List)} instead of the command line.
 */
public final class OfflineInstrumenter {
    private final boolean verbose;
    private final PrintStream log;

    OfflineInstrumenter(boolean verbose, PrintStream log) {
        this.verbose = verbose;
        this.log = log;
    }

    public static void main(String[] args) throws IOException {
        boolean verbose = false;
        String classpath = "";
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--verbose" -> verbose = true;
                case "--cp", "-cp", "--classpath" -> {
                    if (i + 1 >= args.length) {
                        usage("--cp needs a class path");
                    }
                    classpath = args[++i];
                }
                default -> paths.add(args[i]);
            }
        }
        if (paths.isEmpty() || paths.size() > 2) {
            usage("give one input and at most one output");
        }
        Path input = Path.of(paths.get(0));
        Path output = Path.of(paths.size() == 2 ? paths.get(1) : paths.get(0));
        if (!Files.exists(input)) {
            usage("no such file or directory: " + input);
        }
        OfflineResult result = new OfflineInstrumenter(verbose, System.err).run(input, output, classpath);
        System.err.println("[jcoro] offline: " + result.summary());
        System.exit(result.complete() ? 0 : 1);
    }

    private static void usage(String problem) {
        System.err.println("jcoro offline instrumenter: " + problem);
        System.err.println("usage: java -jar jcoro-agent.jar [--verbose] [--cp CLASSPATH] INPUT [OUTPUT]");
        System.exit(2);
    }

    /**
     * Instruments every class of {@code input} into {@code output}. Prints nothing; the result says what
     * happened. Call from any thread; runs are independent.
     *
     * @param input a directory of classes or a jar
     * @param output a directory, or a jar (a name ending in {@code .jar}) when {@code input} is a jar; may be
     *     {@code input} itself
     * @param classpath the libraries the input depends on (directories or jars), besides those on the class
     *     path of the JVM running the tool; jcoro-core may be left out
     * @throws IOException if the input cannot be read or the output written
     */
    public static OfflineResult instrument(Path input, Path output, List<Path> classpath) throws IOException {
        Map<String, byte[]> entries = Files.isDirectory(input) ? readDirectory(input) : readJar(input);
        URL[] urls = classpath.stream().map(OfflineInstrumenter::url).toArray(URL[]::new);
        List<String> instrumented = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // The tool's own class path counts too: a build that runs it with its dependencies there needs no --cp.
        try (URLClassLoader libraries = new URLClassLoader(urls, ClassLoader.getSystemClassLoader())) {
            ClassBytesSource fromLibraries = ClassBytesSource.of(libraries);
            ClassHierarchy hierarchy = new ClassHierarchy(name -> {
                byte[] own = entries.get(name + ".class");
                return own != null ? own : fromLibraries.bytes(name);
            });
            ClassInstrumenter instrumenter = new ClassInstrumenter(hierarchy);
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] bytes = e.getValue();
                if (e.getKey().endsWith(".class")) {
                    try {
                        InstrumentationResult r = instrumenter.instrument(bytes);
                        problems.addAll(r.problems());
                        warnings.addAll(r.warnings());
                        if (r.changed()) {
                            instrumented.add(r.className().replace('/', '.') + ": " + String.join(", ", r.instrumented()));
                            bytes = r.bytes();
                        }
                    } catch (RuntimeException failure) {
                        problems.add("cannot instrument " + e.getKey() + ": " + failure + "; left as it was");
                    }
                }
                out.put(e.getKey(), bytes);
            }
            if (Files.isDirectory(input) || !output.toString().endsWith(".jar")) {
                writeDirectory(output, out);
            } else {
                writeJar(output, out);
            }
            List<String> unresolved = hierarchy.unresolved().stream().map(n -> n.replace('/', '.')).toList();
            return new OfflineResult(instrumented, problems, warnings, unresolved);
        }
    }

    /** Instruments {@code input} into {@code output} and reports the outcome on the log. */
    OfflineResult run(Path input, Path output, String classpath) throws IOException {
        List<Path> entries = Stream.of(classpath.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        OfflineResult result = instrument(input, output, entries);
        Report report = new Report(log, verbose);
        report.problems(result.problems());
        report.warnings(result.warnings());
        if (!result.unresolved().isEmpty()) {
            report.problems(java.util.List.of(result.unresolved().size() + " types could not be resolved, so calls to their methods "
                    + "were taken as not suspendable; pass the libraries that hold them with --cp: " + String.join(", ", result.unresolved())));
        }
        result.instrumented().forEach(report::instrumented);
        return result;
    }

    private static Map<String, byte[]> readDirectory(Path dir) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                entries.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return entries;
    }

    private static Map<String, byte[]> readJar(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) file.stream()::iterator) {
                if (!e.isDirectory()) {
                    try (InputStream in = file.getInputStream(e)) {
                        entries.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return entries;
    }

    private static void writeDirectory(Path dir, Map<String, byte[]> entries) throws IOException {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
    }

    private static void writeJar(Path jar, Map<String, byte[]> entries) throws IOException {
        Path dir = Files.createDirectories(jar.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(dir, "jcoro", ".jar");
        try (OutputStream os = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (IOException e) {
            throw new IllegalArgumentException("bad class path entry: " + path, e);
        }
    }
}
