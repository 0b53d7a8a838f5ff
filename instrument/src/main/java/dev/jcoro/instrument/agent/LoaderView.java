package dev.jcoro.instrument.agent;

import dev.jcoro.instrument.ClassInstrumenter;
import dev.jcoro.instrument.ClassPrefilter;
import dev.jcoro.instrument.classify.ClassBytesSource;
import dev.jcoro.instrument.classify.ClassHierarchy;
import java.io.IOException;
import java.io.InputStream;

/**
 * What the agent keeps per class loader: whether the loader sees jcoro at all, the hierarchy read through it
 * (with the judgements of which of its types carry suspendable methods), the prefilter that reads those
 * judgements, and the rewriter, created only when a class of this loader first needs it, so that a loader none
 * of whose classes involve jcoro never loads the rewriter's classes.
 */
final class LoaderView {
    /** A class file of jcoro-core that every program using jcoro sees. */
    static final String CORE_PROBE = "dev/jcoro/Suspendable.class";

    private final boolean seesJcoro;
    private final ClassHierarchy hierarchy;
    private final ClassPrefilter prefilter;
    private volatile ClassInstrumenter instrumenter;

    /**
     * @param seesJcoro whether the loader finds jcoro-core ({@link #CORE_PROBE}); if not, none of its classes is
     *     rewritten: rewritten code calls core's runtime, which such a class could not link to
     */
    LoaderView(boolean seesJcoro, ClassHierarchy hierarchy) {
        this.seesJcoro = seesJcoro;
        this.hierarchy = hierarchy;
        this.prefilter = new ClassPrefilter(hierarchy);
    }

    /** The view of {@code loader} (null: the boot loader), with its class bytes read through {@code source}. */
    static LoaderView of(ClassLoader loader, ClassBytesSource source) {
        return new LoaderView(finds(loader, CORE_PROBE), new ClassHierarchy(source));
    }

    /** Asks the way the hierarchy reads class files: as a resource stream of the loader itself. */
    private static boolean finds(ClassLoader loader, String resource) {
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            return in != null;
        } catch (IOException | RuntimeException e) {
            // A loader that cannot answer is assumed to see jcoro: its classes are then judged one by one.
            return true;
        }
    }

    /**
     * False if the loader cannot see jcoro-core. Such a loader has nothing to rewrite whatever its classes say:
     * a class compiled against jcoro but run without it runs as plain Java, which rewriting would break.
     */
    boolean seesJcoro() {
        return seesJcoro;
    }

    ClassHierarchy hierarchy() {
        return hierarchy;
    }

    ClassPrefilter prefilter() {
        return prefilter;
    }

    /** Whether a class of this loader has reached the rewriter. */
    boolean rewriterStarted() {
        return instrumenter != null;
    }

    ClassInstrumenter instrumenter() {
        ClassInstrumenter i = instrumenter;
        if (i == null) {
            synchronized (this) {
                i = instrumenter;
                if (i == null) {
                    instrumenter = i = new ClassInstrumenter(hierarchy);
                }
            }
        }
        return i;
    }
}
