package dev.jcoro.instrument.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * jcoro-core's public types as the classifier needs them (supertypes and {@code @Suspendable} methods),
 * shipped inside the instrumenter, so that it knows {@code Coroutines.sleep}, {@code TcpSocket.read} or
 * {@code Channel.receive} suspend even when core is not on the class path it was given. A class path
 * that has core wins; this is the fallback. Core's build checks that the list matches its classes.
 */
public final class CoreApi {
    /** The resource, next to this class, that holds one line per public core type. */
    public static final String RESOURCE = "jcoro-core-api.txt";

    private static final Map<String, ClassInfo> TYPES = load();

    private CoreApi() {
    }

    /** The summary of core's public type {@code internalName}, or null if core has no such public type. */
    static ClassInfo info(String internalName) {
        return internalName.startsWith("dev/jcoro/") ? TYPES.get(internalName) : null;
    }

    /** True for the types this list describes: public classes of core's API packages. */
    public static boolean describes(ClassInfo info) {
        return info.isPublic() && info.name().startsWith("dev/jcoro/") && !info.name().contains("/internal/")
                && !info.name().startsWith("dev/jcoro/instrument/");
    }

    /**
     * The list's text for {@code types}: per line the name, the superclass, the interfaces (comma-separated,
     * {@code -} for none), the access flags, then each {@code @Suspendable} method as name and descriptor.
     */
    public static String render(Collection<ClassInfo> types) {
        StringBuilder out = new StringBuilder();
        for (ClassInfo info : types.stream().filter(CoreApi::describes).sorted(Comparator.comparing(ClassInfo::name)).toList()) {
            out.append(info.name()).append(' ').append(info.superName() == null ? "-" : info.superName()).append(' ')
                    .append(info.interfaces().isEmpty() ? "-" : String.join(",", info.interfaces())).append(' ')
                    .append(info.access());
            Set<String> suspendable = new TreeSet<>();
            info.methods().forEach((nameAndDesc, m) -> {
                if (m.annotated()) {
                    suspendable.add(nameAndDesc);
                }
            });
            suspendable.forEach(m -> out.append(' ').append(m));
            out.append('\n');
        }
        return out.toString();
    }

    private static Map<String, ClassInfo> load() {
        try (InputStream in = CoreApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("jcoro: the instrumenter's list of core types (" + RESOURCE + ") is missing");
            }
            Map<String, ClassInfo> types = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                ClassInfo info = parseLine(line);
                types.put(info.name(), info);
            }
            return Map.copyOf(types);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClassInfo parseLine(String line) {
        String[] fields = line.trim().split(" ");
        List<String> interfaces = fields[2].equals("-") ? List.of() : List.of(fields[2].split(","));
        List<String> suspendable = new ArrayList<>(List.of(fields).subList(4, fields.length));
        return ClassInfo.summary(fields[0], fields[1].equals("-") ? null : fields[1], interfaces,
                Integer.parseInt(fields[3]), suspendable);
    }
}
