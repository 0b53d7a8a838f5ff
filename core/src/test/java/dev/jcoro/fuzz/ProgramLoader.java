package dev.jcoro.fuzz;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Map;

/**
 * Defines one batch of compiled programs, and serves their original class files as resources: the
 * rewriter reads class hierarchies as bytes through the defining loader, so in-memory classes must be
 * readable that way too.
 */
final class ProgramLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    /**
     * @param parent the loader that sees jcoro and the test classes
     * @param classes binary name to class file
     */
    ProgramLoader(ClassLoader parent, Map<String, byte[]> classes) {
        super("fuzz-programs", parent);
        this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        byte[] bytes = bytesOf(name);
        return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }

    @Override
    protected URL findResource(String name) {
        byte[] bytes = bytesOf(name);
        if (bytes == null) {
            return null;
        }
        try {
            return new URL("fuzz-mem", null, -1, "/" + name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) {
                    return new URLConnection(u) {
                        @Override
                        public void connect() {
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(bytes);
                        }
                    };
                }
            });
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] bytesOf(String resource) {
        if (!resource.endsWith(".class")) {
            return null;
        }
        return classes.get(resource.substring(0, resource.length() - ".class".length()).replace('/', '.'));
    }
}
