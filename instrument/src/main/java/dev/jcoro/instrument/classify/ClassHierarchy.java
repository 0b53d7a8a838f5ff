package dev.jcoro.instrument.classify;

import dev.jcoro.instrument.Platform;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class hierarchy as one class loader sees it, read from class bytes and cached. Answers the two
 * questions the rewriter asks of other classes: is this call target suspendable, and what is the common
 * superclass of two types (for stack map frames). Missing classes never fail a question: they are
 * treated as having nothing suspendable and {@code java/lang/Object} as their only supertype.
 */
public final class ClassHierarchy {
    private static final String OBJECT = "java/lang/Object";

    private final ClassBytesSource source;
    private final Map<String, Optional<ClassInfo>> infos = new ConcurrentHashMap<>();
    /** Memoised answers of {@link #isSuspendable}, per owner class, then per method name and descriptor. */
    private final Map<String, Map<String, Boolean>> suspendable = new ConcurrentHashMap<>();
    private final Set<String> forced = ConcurrentHashMap.newKeySet();
    /** Types a suspendability question needed but whose bytes could not be found: the answer assumed them plain. */
    private final Set<String> unresolved = ConcurrentHashMap.newKeySet();
    private final SuspendableTypes suspendableTypes = new SuspendableTypes();
    /** The owners of the methods in {@link #forced}. */
    private final Set<String> forcedOwners = ConcurrentHashMap.newKeySet();

    public ClassHierarchy(ClassBytesSource source) {
        this.source = source;
    }

    /**
     * The summary of {@code internalName}, or null if its bytes cannot be found or read. A type of jcoro-core's
     * API is known even without its bytes ({@link CoreApi}).
     */
    public ClassInfo info(String internalName) {
        return infos.computeIfAbsent(internalName, n -> {
            byte[] bytes = source.bytes(n);
            return bytes == null ? Optional.ofNullable(CoreApi.info(n)) : parse(bytes);
        }).orElse(null);
    }

    private static Optional<ClassInfo> parse(byte[] bytes) {
        try {
            return Optional.of(ClassInfo.parse(bytes));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** Records a class seen by the rewriter, so classes defined from memory are known too. */
    public void register(ClassInfo info) {
        infos.put(info.name(), Optional.of(info));
        suspendable.remove(info.name());
    }

    /**
     * Marks a method suspendable although it carries no annotation: the body of a lambda or the target
     * of a method reference whose functional interface method is suspendable.
     */
    public void markSuspendable(String owner, String name, String desc) {
        forcedOwners.add(owner);
        suspendableTypes.record(owner, true);
        if (forced.add(owner + "." + name + desc)) {
            Map<String, Boolean> known = suspendable.get(owner);
            if (known != null) {
                known.remove(name + desc);
            }
        }
    }

    /**
     * Whether a call to {@code owner.name desc} may suspend: the method, or a method it overrides or
     * implements, is {@code @Suspendable}, or it is the target of a suspendable bridge or lambda.
     */
    public boolean isSuspendable(String owner, String name, String desc) {
        if (owner.startsWith("[") || isPlatform(owner) || name.startsWith("<")) {
            return false;
        }
        Map<String, Boolean> forOwner = suspendable.computeIfAbsent(owner, o -> new ConcurrentHashMap<>());
        Boolean known = forOwner.get(name + desc);
        if (known != null) {
            return known;
        }
        boolean result = search(owner, name, desc);
        forOwner.put(name + desc, result);
        return result;
    }

    private boolean search(String owner, String name, String desc) {
        String nameAndDesc = name + desc;
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.add(owner);
        while (!todo.isEmpty()) {
            String type = todo.poll();
            if (!seen.add(type) || isPlatform(type)) {
                continue;
            }
            if (forced.contains(type + "." + nameAndDesc)) {
                return true;
            }
            ClassInfo info = info(type);
            if (info == null) {
                unresolved.add(type);
                continue;
            }
            ClassInfo.Method m = info.method(nameAndDesc);
            if (m != null && isSuspendableByAnnotation(m)) {
                return true;
            }
            if (bridgedFromSuspendable(info, nameAndDesc)) {
                return true;
            }
            if (info.superName() != null) {
                todo.add(info.superName());
            }
            todo.addAll(info.interfaces());
        }
        return false;
    }

    /**
     * Whether a method is suspendable by its annotations: it carries {@code @Suspendable}, or an annotation
     * whose type is itself annotated {@code @Suspendable} (one level, read from the annotation's class bytes),
     * as {@code @CoroutineTest} is.
     */
    public boolean isSuspendableByAnnotation(ClassInfo.Method m) {
        if (m.annotated()) {
            return true;
        }
        for (String type : m.annotationTypes()) {
            if (!isPlatform(type)) {
                ClassInfo annotation = info(type);
                if (annotation != null && annotation.isSuspendableAnnotation()) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean bridgedFromSuspendable(ClassInfo info, String nameAndDesc) {
        for (Map.Entry<String, ClassInfo.Method> e : info.methods().entrySet()) {
            if (nameAndDesc.equals(e.getValue().bridgeTarget())) {
                String bridge = e.getKey();
                int paren = bridge.indexOf('(');
                if (isSuspendable(info.name(), bridge.substring(0, paren), bridge.substring(paren))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The judgements of this loader's types that the agent's prefilter reads and that {@link #judgeBearing} fills. */
    public SuspendableTypes suspendableTypes() {
        return suspendableTypes;
    }

    /**
     * Judges whether {@code internalName} is suspendable-bearing ({@link SuspendableTypes}) and records the
     * answer; a type already judged is not looked at again. A type the rewriter has registered is judged from
     * its summary; any other from its class bytes, with one pass over their constant pool when they do not
     * mention jcoro (then only its supertypes and method annotations can make it bearing), and from its full
     * summary when they do. A type whose bytes cannot be found counts as plain, as everywhere else here.
     */
    public boolean judgeBearing(String internalName) {
        return judgeBearing(internalName, new HashSet<>());
    }

    /**
     * Judges {@code internalName} again, from what is known of it now, and records the answer: for a class that
     * the rewriter has just registered, whose earlier judgement (from missing bytes, say) may be out of date.
     */
    public boolean judgeBearingAfresh(String internalName) {
        if (isPlatform(internalName)) {
            return false;
        }
        Set<String> judging = new HashSet<>();
        judging.add(internalName);
        boolean result = judge(internalName, judging);
        suspendableTypes.record(internalName, result);
        return result;
    }

    /** {@code judging}: the types whose judgement is under way, so that a malformed, circular hierarchy ends. */
    private boolean judgeBearing(String internalName, Set<String> judging) {
        if (isPlatform(internalName) || !judging.add(internalName)) {
            return false;
        }
        Boolean known = suspendableTypes.bearing(internalName);
        if (known != null) {
            return known;
        }
        boolean result = judge(internalName, judging);
        suspendableTypes.record(internalName, result);
        return result;
    }

    private boolean judge(String internalName, Set<String> judging) {
        if (forcedOwners.contains(internalName)) {
            return true;
        }
        Optional<ClassInfo> registered = infos.get(internalName);
        if (registered == null) {
            byte[] bytes = source.bytes(internalName);
            if (bytes == null) {
                infos.putIfAbsent(internalName, Optional.ofNullable(CoreApi.info(internalName)));
            } else {
                ConstantPoolScan scan;
                try {
                    scan = ConstantPoolScan.of(bytes);
                } catch (RuntimeException malformed) {
                    infos.putIfAbsent(internalName, Optional.empty());
                    return false;
                }
                if (!scan.mentionsJcoro()) {
                    return anyBearing(scan.supertypes(), judging) || anyBearing(scan.methodAnnotationTypes(), judging);
                }
                infos.putIfAbsent(internalName, parse(bytes));
            }
        }
        ClassInfo info = info(internalName);
        if (info == null) {
            return false;
        }
        if (info.isSuspendableAnnotation()) {
            return true;
        }
        for (ClassInfo.Method m : info.methods().values()) {
            if (isSuspendableByAnnotation(m)) {
                return true;
            }
        }
        List<String> supertypes = new ArrayList<>(info.interfaces());
        if (info.superName() != null) {
            supertypes.add(info.superName());
        }
        return anyBearing(supertypes, judging);
    }

    private boolean anyBearing(List<String> types, Set<String> judging) {
        for (String t : types) {
            if (judgeBearing(t, judging)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The types that classification needed and could not find, in name order: calls to their methods, and
     * methods overriding theirs, were taken as not suspendable.
     */
    public Set<String> unresolved() {
        return new java.util.TreeSet<>(unresolved);
    }

    /** True for JDK packages, which never declare suspendable methods ({@link Platform}). */
    public static boolean isPlatform(String internalName) {
        return Platform.isPlatform(internalName);
    }

    /** True if {@code internalName} is a known interface. */
    public boolean isInterface(String internalName) {
        ClassInfo info = info(internalName);
        return info != null && info.isInterface();
    }

    /** The superclass of {@code internalName}; {@code java/lang/Object} when unknown, null for Object itself. */
    public String superName(String internalName) {
        if (OBJECT.equals(internalName)) {
            return null;
        }
        ClassInfo info = info(internalName);
        return info == null || info.superName() == null ? OBJECT : info.superName();
    }

    /** True if {@code internalName} is known to the hierarchy (its bytes were found). */
    public boolean isKnown(String internalName) {
        return info(internalName) != null;
    }

    /**
     * True if a value of class {@code sub} may be used where {@code sup} is expected, following the
     * verifier's rules (any class is assignable to an interface). Unknown types are assumed assignable.
     */
    public boolean isAssignable(String sup, String sub) {
        if (sup.equals(sub) || OBJECT.equals(sup) || isInterface(sup) || !isKnown(sup) || !isKnown(sub)) {
            return true;
        }
        for (String t = superName(sub); t != null; t = superName(t)) {
            if (t.equals(sup)) {
                return true;
            }
            if (!isKnown(t)) {
                return true;
            }
        }
        return false;
    }

    /** The most specific common superclass of two classes, as the verifier merges them. */
    public String commonSuperClass(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        if (!isKnown(a) || !isKnown(b) || isInterface(a) || isInterface(b)) {
            return OBJECT;
        }
        Set<String> ancestorsOfA = new HashSet<>();
        for (String t = a; t != null; t = superName(t)) {
            ancestorsOfA.add(t);
        }
        for (String t = b; t != null; t = superName(t)) {
            if (ancestorsOfA.contains(t)) {
                return t;
            }
        }
        return OBJECT;
    }
}
