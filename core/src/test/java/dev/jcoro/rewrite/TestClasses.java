package dev.jcoro.rewrite;

import dev.jcoro.instrument.ClassInstrumenter;
import dev.jcoro.instrument.InstrumentationResult;
import dev.jcoro.instrument.classify.ClassBytesSource;
import dev.jcoro.instrument.classify.ClassHierarchy;
import java.util.Map;

/** Test helper: rewrites class files with the instrumenter and loads them in a fresh class loader. */
final class TestClasses {
    private TestClasses() {
    }

    static InstrumentationResult instrument(byte[] classFile) {
        return new ClassInstrumenter(new ClassHierarchy(ClassBytesSource.of(TestClasses.class.getClassLoader()))).instrument(classFile);
    }

    /** A loader that defines the given classes (internal names) itself and delegates everything else. */
    static final class MemoryLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        MemoryLoader(Map<String, byte[]> classes) {
            super(TestClasses.class.getClassLoader());
            this.classes = classes;
        }

        /** Child-first for its own classes, so a rewritten copy wins over the test class path's original. */
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (classes.containsKey(name.replace('.', '/'))) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : findClass(name);
                }
                return super.loadClass(name, resolve);
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name.replace('.', '/'));
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            byte[] bytes = name.endsWith(".class") ? classes.get(name.substring(0, name.length() - 6)) : null;
            return bytes != null ? new java.io.ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
        }
    }
}
