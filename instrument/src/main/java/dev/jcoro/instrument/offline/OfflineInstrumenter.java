package dev.jcoro.instrument.offline;

import dev.jcoro.instrument.ClassInstrumenter;
import dev.jcoro.instrument.InstrumentationResult;
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
import java.util.function.BiConsumer;
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
 * place. {@code --cp} lists the libraries INPUT depends on, so overridden suspendable methods are found.
 * The exit status is 1 if any method had to be left uninstrumented, 2 on a usage error. The tool prints
 * its problems and warnings; with {@code --verbose} also each class it rewrote and a summary.
 *
 * <p>Build tools that run in the same JVM (the Maven plugin) call {@link #instrumentInPlace} instead.
 */
public final class OfflineInstrumenter {
    private final boolean verbose;
    private final PrintStream log;
    private final List<String> instrumented = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

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
        OfflineInstrumenter tool = new OfflineInstrumenter(verbose, System.err);
        tool.run(input, output, classpath);
        if (verbose || !tool.problems.isEmpty()) {
            System.err.println("[jcoro] offline: " + tool.instrumented.size() + " classes instrumented, " + tool.problems.size() + " problems");
        }
        System.exit(tool.problems.isEmpty() ? 0 : 1);
    }

    private static void usage(String problem) {
        System.err.println("jcoro offline instrumenter: " + problem);
        System.err.println("usage: java -jar jcoro-agent.jar [--verbose] [--cp CLASSPATH] INPUT [OUTPUT]");
        System.exit(2);
    }

    /**
     * What one {@link #instrumentInPlace} run did.
     *
     * @param instrumented one line per class rewritten: the class and its rewritten methods
     * @param problems one message per method left uninstrumented (naming its class, method and source line)
     *                 and per class that could not be read
     * @param warnings advice that did not stop a rewrite
     */
    public record Outcome(List<String> instrumented, List<String> problems, List<String> warnings) {
    }

    /**
     * Instruments the classes under the directory {@code classes} in place, in the calling thread: the entry
     * point of build tools that run in-process. Only the files of rewritten classes are written, so a class
     * instrumented by an earlier run (it carries the mark) is skipped and keeps its timestamp. Prints nothing.
     *
     * @param classPath the libraries the classes depend on, jcoro-core among them, read for hierarchy lookups
     * @param accepts which classes (internal names, such as {@code com/acme/Foo}) to rewrite; the others are
     *                still read for hierarchy lookups
     * @throws IOException if a file cannot be read or written
     */
    public static Outcome instrumentInPlace(Path classes, List<Path> classPath, Predicate<String> accepts) throws IOException {
        OfflineInstrumenter tool = new OfflineInstrumenter(false, new PrintStream(OutputStream.nullOutputStream()));
        Map<String, byte[]> entries = readDirectory(classes);
        Map<String, byte[]> changed = new LinkedHashMap<>();
        tool.instrumentAll(entries, classPath.stream().map(Path::toString).toList(), (instrumenter, entry) -> {
            byte[] bytes = entries.get(entry);
            if (entry.endsWith(".class") && accepts.test(entry.substring(0, entry.length() - ".class".length()))) {
                byte[] out = tool.instrument(instrumenter, entry, bytes);
                if (out != bytes) {
                    changed.put(entry, out);
                }
            }
        });
        tool.checkModuleDescriptor(entries);
        writeDirectory(classes, changed);
        return new Outcome(List.copyOf(tool.instrumented), List.copyOf(tool.problems), List.copyOf(tool.warnings));
    }

    /** Instruments every class of {@code input} (directory or jar) into {@code output}. */
    void run(Path input, Path output, String classpath) throws IOException {
        Map<String, byte[]> entries = Files.isDirectory(input) ? readDirectory(input) : readJar(input);
        List<String> libraries = Stream.of(classpath.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).toList();
        Map<String, byte[]> out = new LinkedHashMap<>();
        instrumentAll(entries, libraries, (instrumenter, entry) -> {
            byte[] bytes = entries.get(entry);
            out.put(entry, entry.endsWith(".class") ? instrument(instrumenter, entry, bytes) : bytes);
        });
        checkModuleDescriptor(entries);
        if (Files.isDirectory(input) || !output.toString().endsWith(".jar")) {
            writeDirectory(output, out);
        } else {
            writeJar(output, out);
        }
    }

    /** Hands each entry name to {@code step}, with an instrumenter whose hierarchy sees the entries first, then the libraries. */
    private static void instrumentAll(Map<String, byte[]> entries, List<String> libraryPaths,
                                      BiConsumer<ClassInstrumenter, String> step) throws IOException {
        URL[] urls = libraryPaths.stream().map(OfflineInstrumenter::url).toArray(URL[]::new);
        try (URLClassLoader libraries = new URLClassLoader(urls, ClassLoader.getSystemClassLoader())) {
            ClassBytesSource fromLibraries = ClassBytesSource.of(libraries);
            ClassHierarchy hierarchy = new ClassHierarchy(name -> {
                byte[] own = entries.get(name + ".class");
                return own != null ? own : fromLibraries.bytes(name);
            });
            ClassInstrumenter instrumenter = new ClassInstrumenter(hierarchy);
            for (String entry : entries.keySet()) {
                step.accept(instrumenter, entry);
            }
        }
    }

    private byte[] instrument(ClassInstrumenter instrumenter, String entry, byte[] bytes) {
        try {
            InstrumentationResult r = instrumenter.instrument(bytes);
            for (String p : r.problems()) {
                problem(p);
            }
            for (String w : r.warnings()) {
                warning(w);
            }
            if (r.changed()) {
                String line = r.className().replace('/', '.') + ": " + String.join(", ", r.instrumented());
                instrumented.add(line);
                if (verbose) {
                    log.println("[jcoro] instrumented " + line);
                }
                return r.bytes();
            }
        } catch (RuntimeException e) {
            problem("cannot instrument " + entry + ": " + e + "; left as it was");
        }
        return bytes;
    }

    /** Once something was rewritten: warns if its module cannot read dev.jcoro. */
    private void checkModuleDescriptor(Map<String, byte[]> entries) {
        if (!instrumented.isEmpty()) {
            ModuleDescriptorCheck.warning(entries).ifPresent(this::warning);
        }
    }

    private void warning(String message) {
        warnings.add(message);
        log.println("[jcoro] WARNING: " + message);
    }

    private void problem(String message) {
        problems.add(message);
        log.println("[jcoro] ERROR: " + message);
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

    private static URL url(String path) {
        try {
            return Path.of(path).toUri().toURL();
        } catch (IOException e) {
            throw new IllegalArgumentException("bad class path entry: " + path, e);
        }
    }
}
