package dev.jcoro.instrument.agent;

import dev.jcoro.instrument.ClassInstrumenter;
import dev.jcoro.instrument.ClassPrefilter;
import dev.jcoro.instrument.InstrumentationResult;
import dev.jcoro.instrument.Report;
import dev.jcoro.instrument.classify.ClassBytesSource;
import dev.jcoro.instrument.classify.ClassHierarchy;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Rewrites classes as they load. One class hierarchy is cached per class loader, so supertypes are read
 * once. A class that cannot be rewritten is reported on standard error (and as a JFR event) and loads
 * unchanged: the transformer never throws and never makes the JVM reject a class.
 */
final class JcoroTransformer implements ClassFileTransformer {
    private final AgentOptions options;
    private final PrintStream log;
    private final Report report;
    private final Map<ClassLoader, ClassInstrumenter> instrumenters = new WeakHashMap<>();
    private ClassInstrumenter bootInstrumenter;

    JcoroTransformer(AgentOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
        this.report = new Report(log, options.verbose(), RefusalEvents::refused);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || classBeingRedefined != null || !options.accepts(className)) {
            return null;
        }
        try {
            if (!ClassPrefilter.mayNeedRewrite(classfileBuffer)) {
                return null;
            }
            InstrumentationResult result = instrumenterFor(loader).instrument(classfileBuffer);
            report.print(result);
            if (result.changed() && options.dumpDir() != null) {
                dump(className, result.bytes());
            }
            return result.bytes();
        } catch (Throwable t) {
            report.failed(className.replace('/', '.'), t, "the class is loaded uninstrumented");
            return null;
        }
    }

    private synchronized ClassInstrumenter instrumenterFor(ClassLoader loader) {
        if (loader == null) {
            if (bootInstrumenter == null) {
                bootInstrumenter = new ClassInstrumenter(new ClassHierarchy(ClassBytesSource.of(null)));
            }
            return bootInstrumenter;
        }
        return instrumenters.computeIfAbsent(loader, l -> new ClassInstrumenter(new ClassHierarchy(weakly(l))));
    }

    /** Reads through {@code loader} without keeping it alive: a value of the weak map must not reach its own key. */
    private static ClassBytesSource weakly(ClassLoader loader) {
        WeakReference<ClassLoader> ref = new WeakReference<>(loader);
        return internalName -> {
            ClassLoader l = ref.get();
            return l == null ? null : ClassBytesSource.of(l).bytes(internalName);
        };
    }

    private void dump(String className, byte[] bytes) {
        try {
            Path file = options.dumpDir().resolve(className + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            log.println("[jcoro] WARNING: cannot dump " + className + " to " + options.dumpDir() + ": " + e.getMessage());
        }
    }
}
