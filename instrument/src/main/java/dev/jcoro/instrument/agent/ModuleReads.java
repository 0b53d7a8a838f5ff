package dev.jcoro.instrument.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * Makes a named module read {@code dev.jcoro} when one of its classes arrives rewritten. Rewritten code calls
 * the runtime in {@code dev.jcoro.internal}; a module that only overrides another module's suspendable method
 * never had to declare {@code requires dev.jcoro}, and without the read edge those calls would fail with
 * {@code IllegalAccessError}. Registered after the rewriting transformer, so it sees the rewritten bytes; it
 * never changes a class.
 */
final class ModuleReads implements ClassFileTransformer {
    private static final String JCORO_MODULE = "dev.jcoro";
    private static final byte[] MARK = "Ldev/jcoro/internal/Instrumented;".getBytes(StandardCharsets.US_ASCII);

    private final Instrumentation instrumentation;

    ModuleReads(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (module == null || !module.isNamed() || module.getLayer() == null || isPlatform(loader) || !contains(classfileBuffer, MARK)) {
            return null;
        }
        module.getLayer().findModule(JCORO_MODULE).filter(jcoro -> !module.canRead(jcoro)).ifPresent(jcoro ->
                instrumentation.redefineModule(module, Set.of(jcoro), Map.of(), Map.of(), Set.of(), Map.of()));
        return null;
    }

    /** The JDK's own modules are never rewritten. */
    private static boolean isPlatform(ClassLoader loader) {
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
