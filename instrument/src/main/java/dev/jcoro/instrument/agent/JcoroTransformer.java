package dev.jcoro.instrument.agent;

import dev.jcoro.instrument.InstrumentationResult;
import dev.jcoro.instrument.Report;
import dev.jcoro.instrument.classify.ClassBytesSource;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;

/**
 * Rewrites classes as they load. Each class loader gets its own view ({@link LoaderView}): the class
 * hierarchy read through it, the judgements of which of its types carry suspendable methods, and the
 * prefilter that decides from those, from a class's constant pool alone, that most classes need nothing. A
 * class that cannot be rewritten is reported on standard error (and as a JFR event) and loads unchanged: the
 * transformer never throws and never makes the JVM reject a class.
 */
final class JcoroTransformer implements ClassFileTransformer {
    private final AgentOptions options;
    private final PrintStream log;
    private final Report report;
    private final Map<ClassLoader, LoaderView> views = new WeakHashMap<>();
    private LoaderView bootView;

    JcoroTransformer(AgentOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
        this.report = new Report(log, options.verbose(), new RecordRefusal());
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || classBeingRedefined != null || !options.accepts(className)) {
            return null;
        }
        try {
            LoaderView view = viewOf(loader);
            if (!view.seesJcoro() || !view.prefilter().mayNeedRewrite(classfileBuffer)) {
                return null;
            }
            InstrumentationResult result = view.instrumenter().instrument(classfileBuffer);
            // Judged only now, after the rewriter registered the class: its subtypes and callers ask next.
            view.hierarchy().judgeBearingAfresh(className);
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

    /** The view of {@code loader} (null: the boot loader), made on first use. */
    synchronized LoaderView viewOf(ClassLoader loader) {
        if (loader == null) {
            if (bootView == null) {
                bootView = LoaderView.of(null, ClassBytesSource.of(null));
            }
            return bootView;
        }
        LoaderView view = views.get(loader);
        if (view == null) {
            view = LoaderView.of(loader, new WeakSource(loader));
            views.put(loader, view);
        }
        return view;
    }

    /** Reads through a loader without keeping it alive: a value of the weak map must not reach its own key. */
    private static final class WeakSource implements ClassBytesSource {
        private final WeakReference<ClassLoader> loader;

        WeakSource(ClassLoader loader) {
            this.loader = new WeakReference<>(loader);
        }

        @Override
        public byte[] bytes(String internalName) {
            ClassLoader l = loader.get();
            return l == null ? null : ClassBytesSource.read(l, internalName);
        }
    }

    /**
     * Hands refusals to {@link RefusalEvents}, which loads (with JFR) on the first one. A class, not a method
     * reference: the transformer is made before the program starts, where an invokedynamic costs most.
     */
    private static final class RecordRefusal implements BiConsumer<String, String> {
        @Override
        public void accept(String className, String message) {
            RefusalEvents.refused(className, message);
        }
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
