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
import java.util.function.Predicate;
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
 * uninstrumented or a type could not be resolved, 2 on a usage error. The tool prints its problems and
 * warnings; with {@code --verbose} also each class it rewrote and a summary.
 *
 * <p>Build tools call {@link #instrument(Path, Path, List)} instead of the command line; those that rewrite
 * a build's class directory in their own JVM (the Maven plugin) call {@link #instrumentInPlace}.
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
        if (verbose || !result.complete()) {
            System.err.println("[jcoro] offline: " + result.summary());
        }
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
        Rewrite rewrite = rewrite(entries, classpath, name -> true, true);
        Map<String, byte[]> out = new LinkedHashMap<>(entries);
        out.putAll(rewrite.changed());
        if (Files.isDirectory(input) || !output.toString().endsWith(".jar")) {
            writeDirectory(output, out);
        } else {
            writeJar(output, out);
        }
        return rewrite.result();
    }

    /**
     * What one {@link #instrumentInPlace} run did.
     *
     * @param instrumented one line per class rewritten: the class and its rewritten methods
     * @param problems one message per method left uninstrumented (naming its class, method and source line)
     *                 and per class that could not be read
     * @param warnings advice that did not stop a rewrite, among it the types that could not be resolved
     */
    public record Outcome(List<String> instrumented, List<String> problems, List<String> warnings) {
    }

    /**
     * Instruments the classes under the directory {@code classes} in place, in the calling thread: the entry
     * point of build tools that run in-process. Only the files of rewritten classes are written, so a class
     * instrumented by an earlier run (it carries the mark) is skipped and keeps its timestamp. A class with a
     * refused method is left as compiled, so that every later run reports the refusal again instead of
     * skipping a marked class. Prints nothing.
     *
     * @param classPath the libraries the classes depend on, read for hierarchy lookups (jcoro-core's API is
     *                  known without it)
     * @param accepts which classes (internal names, such as {@code com/acme/Foo}) to rewrite; the others are
     *                still read for hierarchy lookups
     * @throws IOException if a file cannot be read or written
     */
    public static Outcome instrumentInPlace(Path classes, List<Path> classPath, Predicate<String> accepts) throws IOException {
        Rewrite rewrite = rewrite(readDirectory(classes), classPath, accepts, false);
        writeDirectory(classes, rewrite.changed());
        OfflineResult result = rewrite.result();
        List<String> warnings = new ArrayList<>(result.warnings());
        if (!result.unresolved().isEmpty()) {
            warnings.add(unresolved(result.unresolved(), "put the libraries that hold them on the class path"));
        }
        return new Outcome(result.instrumented(), result.problems(), List.copyOf(warnings));
    }

    /** Instruments {@code input} into {@code output} and reports the outcome on the log. */
    OfflineResult run(Path input, Path output, String classpath) throws IOException {
        List<Path> entries = Stream.of(classpath.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        OfflineResult result = instrument(input, output, entries);
        Report report = new Report(log, verbose);
        report.problems(result.problems());
        report.warnings(result.warnings());
        if (!result.unresolved().isEmpty()) {
            report.problems(List.of(unresolved(result.unresolved(), "pass the libraries that hold them with --cp")));
        }
        result.instrumented().forEach(report::instrumented);
        return result;
    }

    private static String unresolved(List<String> types, String advice) {
        return types.size() + " types could not be resolved, so calls to their methods were taken as not suspendable; "
                + advice + ": " + String.join(", ", types);
    }

    /** The rewritten class files of one run, by entry name, and what the run did. */
    private record Rewrite(Map<String, byte[]> changed, OfflineResult result) {
    }

    /**
     * Rewrites the accepted classes among {@code entries}; the hierarchy sees the entries first, then
     * {@code classpath}, then the class path of the JVM running the tool.
     *
     * @param keepRefused whether a class with a refused method is still rewritten (its other methods are)
     *     rather than left as compiled
     */
    private static Rewrite rewrite(Map<String, byte[]> entries, List<Path> classpath, Predicate<String> accepts,
                                   boolean keepRefused) throws IOException {
        URL[] urls = classpath.stream().map(OfflineInstrumenter::url).toArray(URL[]::new);
        List<String> instrumented = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, byte[]> changed = new LinkedHashMap<>();
        // The tool's own class path counts too: a build that runs it with its dependencies there needs no --cp.
        try (URLClassLoader libraries = new URLClassLoader(urls, ClassLoader.getSystemClassLoader())) {
            ClassBytesSource fromLibraries = ClassBytesSource.of(libraries);
            ClassHierarchy hierarchy = new ClassHierarchy(name -> {
                byte[] own = entries.get(name + ".class");
                return own != null ? own : fromLibraries.bytes(name);
            });
            ClassInstrumenter instrumenter = new ClassInstrumenter(hierarchy);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String entry = e.getKey();
                if (!entry.endsWith(".class") || !accepts.test(entry.substring(0, entry.length() - ".class".length()))) {
                    continue;
                }
                try {
                    InstrumentationResult r = instrumenter.instrument(e.getValue());
                    problems.addAll(r.problems());
                    warnings.addAll(r.warnings());
                    if (r.changed() && (keepRefused || r.problems().isEmpty())) {
                        instrumented.add(r.className().replace('/', '.') + ": " + String.join(", ", r.instrumented()));
                        changed.put(entry, r.bytes());
                    }
                } catch (RuntimeException failure) {
                    problems.add("cannot instrument " + entry + ": " + failure + "; left as it was");
                }
            }
            if (!instrumented.isEmpty()) {
                // Rewritten classes call into dev.jcoro.internal: their module must read dev.jcoro.
                ModuleDescriptorCheck.warning(entries).ifPresent(warnings::add);
            }
            List<String> unresolved = hierarchy.unresolved().stream().map(n -> n.replace('/', '.')).toList();
            return new Rewrite(changed, new OfflineResult(instrumented, problems, warnings, unresolved));
        }
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
