package dev.jcoro.instrument.classify;

import dev.jcoro.instrument.Names;
import dev.jcoro.instrument.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a class file names, read in one pass over its constant pool and the headers of its members, without
 * building a tree or decoding any code: whether it mentions jcoro at all, its supertypes, the types it names
 * in class constants (the owners of the methods it calls), the types its {@code invokedynamic} sites create
 * (the functional interfaces of its lambdas) and the annotation types on its methods. Only types outside the
 * JDK ({@link Platform}) are listed: the JDK declares no suspendable method. This is all the agent's
 * prefilter looks at for a class that has nothing to do with jcoro.
 */
public final class ConstantPoolScan {
    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELDREF = 9;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    private static final byte[] JCORO = "dev/jcoro/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] PLATFORM = platformPrefixes();
    private static final byte[] MARK = Names.INSTRUMENTED_DESC.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VISIBLE_ANNOTATIONS = "RuntimeVisibleAnnotations".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INVISIBLE_ANNOTATIONS = "RuntimeInvisibleAnnotations".getBytes(StandardCharsets.US_ASCII);

    /** A loop, not a stream: this class loads while the program starts, where an invokedynamic costs most. */
    private static byte[][] platformPrefixes() {
        byte[][] prefixes = new byte[Platform.PACKAGES.size()][];
        for (int i = 0; i < prefixes.length; i++) {
            prefixes[i] = Platform.PACKAGES.get(i).getBytes(StandardCharsets.US_ASCII);
        }
        return prefixes;
    }

    private final byte[] b;
    private final int[] offsets;
    private final int[] tags;
    private final int headerStart;
    private boolean mentionsJcoro;
    private boolean markNamed;
    private boolean instrumented;
    private String name;
    private String superName;
    private final List<String> interfaces = new ArrayList<>(2);
    private final List<String> classConstants = new ArrayList<>();
    private final List<String> lambdaTypes = new ArrayList<>(0);
    private final List<String> methodAnnotationTypes = new ArrayList<>(0);

    private ConstantPoolScan(byte[] classFile) {
        this.b = classFile;
        int count = u2(8);
        offsets = new int[count];
        tags = new int[count];
        int annotationAttributeNames = 0;
        int p = 10;
        for (int i = 1; i < count; i++) {
            int tag = b[p];
            tags[i] = tag;
            offsets[i] = p + 1;
            switch (tag) {
                case UTF8 -> {
                    int length = u2(p + 1);
                    int first = length > 0 ? b[p + 3] : 0;
                    if (!mentionsJcoro && (first == 'd' || first == 'L') && length >= JCORO.length && namesJcoro(p + 3, length)) {
                        mentionsJcoro = true;
                    }
                    if (length == MARK.length && first == 'L' && equals(p + 3, length, MARK)) {
                        markNamed = true;
                    }
                    if ((length == VISIBLE_ANNOTATIONS.length || length == INVISIBLE_ANNOTATIONS.length)
                            && (equals(p + 3, length, VISIBLE_ANNOTATIONS) || equals(p + 3, length, INVISIBLE_ANNOTATIONS))) {
                        annotationAttributeNames++;
                    }
                    p += 3 + length;
                }
                case LONG, DOUBLE -> {
                    p += 9;
                    i++;
                }
                case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> p += 3;
                case METHOD_HANDLE -> p += 4;
                case INTEGER, FLOAT, FIELDREF, METHODREF, INTERFACE_METHODREF, NAME_AND_TYPE, DYNAMIC, INVOKE_DYNAMIC -> p += 5;
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        headerStart = p;
        readConstants();
        readHeader(annotationAttributeNames > 0);
    }

    /**
     * Scans {@code classFile}.
     *
     * @throws IllegalArgumentException or {@link IndexOutOfBoundsException} if the class file is malformed
     */
    public static ConstantPoolScan of(byte[] classFile) {
        return new ConstantPoolScan(classFile);
    }

    /**
     * True if the class names one of jcoro's types where it matters: a string of its pool starts with
     * {@code dev/jcoro/} (a class constant: a call into jcoro, a jcoro supertype, its own package) or is a whole
     * descriptor {@code Ldev/jcoro/...;} (an annotation such as {@code @Suspendable}), or a lambda of it
     * returns a jcoro type.
     */
    public boolean mentionsJcoro() {
        return mentionsJcoro;
    }

    /**
     * True if the class carries jcoro's {@code @Instrumented} mark: it was rewritten ahead of time (jcoro's own
     * modules, a build with the Maven plugin) and the agent leaves it as it is.
     */
    public boolean isInstrumented() {
        return instrumented;
    }

    /** The class's own internal name. */
    public String name() {
        return name;
    }

    /** The superclass and the interfaces the class itself declares, those outside the JDK only. */
    public List<String> supertypes() {
        List<String> all = new ArrayList<>(interfaces.size() + 1);
        if (superName != null && !Platform.isPlatform(superName)) {
            all.add(superName);
        }
        for (String i : interfaces) {
            if (!Platform.isPlatform(i)) {
                all.add(i);
            }
        }
        return all;
    }

    /** The types named by class constants outside the JDK: every owner of a method the class calls or refers to. */
    public List<String> classConstants() {
        return classConstants;
    }

    /** The object types that the class's {@code invokedynamic} sites return outside the JDK: its lambdas' interfaces. */
    public List<String> lambdaTypes() {
        return lambdaTypes;
    }

    /** The annotation types outside the JDK that annotate the class's methods. */
    public List<String> methodAnnotationTypes() {
        return methodAnnotationTypes;
    }

    private void readConstants() {
        for (int i = 1; i < tags.length; i++) {
            if (tags[i] == CLASS) {
                int index = u2(offsets[i]);
                int at = offsets[index];
                int length = u2(at);
                if (length > 0 && b[at + 2] != '[' && !isPlatformAt(at + 2, length)) {
                    classConstants.add(utf8(index));
                }
            } else if (tags[i] == INVOKE_DYNAMIC) {
                String descriptor = utf8(u2(offsets[u2(offsets[i] + 2)] + 2));
                int ret = descriptor.lastIndexOf(')') + 1;
                if (descriptor.charAt(ret) == 'L') {
                    if (descriptor.startsWith("dev/jcoro/", ret + 1)) {
                        mentionsJcoro = true;
                    }
                    addObjectType(lambdaTypes, descriptor, ret);
                }
            }
        }
    }

    private void readHeader(boolean methodsMayBeAnnotated) {
        int p = headerStart + 2;
        name = utf8(u2(offsets[u2(p)]));
        int superIndex = u2(p + 2);
        superName = superIndex == 0 ? null : utf8(u2(offsets[superIndex]));
        int interfaceCount = u2(p + 4);
        p += 6;
        for (int i = 0; i < interfaceCount; i++, p += 2) {
            interfaces.add(utf8(u2(offsets[u2(p)])));
        }
        if (!methodsMayBeAnnotated || !markNamed && mentionsJcoro) {
            // Without annotation attributes there is nothing more to learn; a class that mentions jcoro goes to
            // the rewriter anyway, unless it may carry the mark.
            return;
        }
        p = skipMembers(p);
        int methodCount = u2(p);
        p += 2;
        for (int m = 0; m < methodCount; m++) {
            p = readAnnotationAttributes(p + 6, methodAnnotationTypes);
        }
        if (markNamed) {
            List<String> classAnnotations = new ArrayList<>(2);
            readAnnotationAttributes(p, classAnnotations);
            instrumented = classAnnotations.contains(Names.INSTRUMENTED_DESC.substring(1, Names.INSTRUMENTED_DESC.length() - 1));
        }
    }

    /**
     * Reads the annotation types named by an attribute table (its count at {@code p}) into {@code types}, and
     * returns the offset just after the table.
     */
    private int readAnnotationAttributes(int p, List<String> types) {
        int attributes = u2(p);
        p += 2;
        for (int a = 0; a < attributes; a++) {
            if (isAnnotationAttribute(p)) {
                readAnnotations(p + 6, types);
            }
            p += 6 + u4(p + 2);
        }
        return p;
    }

    private boolean isAnnotationAttribute(int p) {
        int nameAt = offsets[u2(p)];
        int nameLength = u2(nameAt);
        return equals(nameAt + 2, nameLength, VISIBLE_ANNOTATIONS) || equals(nameAt + 2, nameLength, INVISIBLE_ANNOTATIONS);
    }

    /** Skips the fields, whose annotations never make a method suspendable. */
    private int skipMembers(int p) {
        int count = u2(p);
        p += 2;
        for (int f = 0; f < count; f++) {
            int attributes = u2(p + 6);
            p += 8;
            for (int a = 0; a < attributes; a++) {
                p += 6 + u4(p + 2);
            }
        }
        return p;
    }

    private void readAnnotations(int p, List<String> into) {
        int count = u2(p);
        p += 2;
        for (int i = 0; i < count; i++) {
            p = readAnnotation(p, into);
        }
    }

    /** Reads one annotation structure, adding its type to {@code into} unless that is null; returns the offset after it. */
    private int readAnnotation(int p, List<String> into) {
        if (into != null) {
            String descriptor = utf8(u2(p));
            if (descriptor.charAt(0) == 'L') {
                addObjectType(into, descriptor, 0);
            }
        }
        int pairs = u2(p + 2);
        p += 4;
        for (int i = 0; i < pairs; i++) {
            p = skipElementValue(p + 2);
        }
        return p;
    }

    private int skipElementValue(int p) {
        int tag = b[p];
        return switch (tag) {
            case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 's', 'c' -> p + 3;
            case 'e' -> p + 5;
            case '@' -> readAnnotation(p + 1, null);
            case '[' -> {
                int count = u2(p + 1);
                int q = p + 3;
                for (int i = 0; i < count; i++) {
                    q = skipElementValue(q);
                }
                yield q;
            }
            default -> throw new IllegalArgumentException("unknown annotation element tag " + tag);
        };
    }

    private static void addObjectType(List<String> into, String descriptor, int at) {
        String type = descriptor.substring(at + 1, descriptor.length() - 1);
        if (!Platform.isPlatform(type) && !into.contains(type)) {
            into.add(type);
        }
    }

    private String utf8(int index) {
        int at = offsets[index];
        if (tags[index] != UTF8) {
            throw new IllegalArgumentException("constant " + index + " is not a string");
        }
        return modifiedUtf8(at + 2, u2(at));
    }

    /**
     * Decodes the JVM's modified UTF-8. It differs from standard UTF-8 only for NUL and characters outside the
     * basic plane, which the standard decoder (fast, and warm early in any JVM) turns into U+FFFD: then the
     * string is decoded by hand.
     */
    private String modifiedUtf8(int start, int length) {
        String standard = new String(b, start, length, StandardCharsets.UTF_8);
        if (standard.indexOf('\uFFFD') < 0) {
            return standard;
        }
        StringBuilder s = new StringBuilder(length);
        int i = start;
        while (i < start + length) {
            int c = b[i++] & 0xFF;
            if (c < 0x80) {
                s.append((char) c);
            } else if ((c & 0xE0) == 0xC0) {
                s.append((char) (((c & 0x1F) << 6) | (b[i++] & 0x3F)));
            } else {
                s.append((char) (((c & 0x0F) << 12) | ((b[i++] & 0x3F) << 6) | (b[i++] & 0x3F)));
            }
        }
        return s.toString();
    }

    /**
     * Whether the string at {@code start} names a jcoro type the way a class that needs rewriting must: as a class
     * constant ({@code dev/jcoro/...}: a call, a supertype, the class's own package) or as a whole type descriptor
     * ({@code Ldev/jcoro/...;}: an annotation such as {@code @Suspendable}, the instrumented mark). A jcoro type
     * named only inside a method descriptor or a generic signature needs nothing; one returned by a lambda's
     * {@code invokedynamic} is looked at in {@link #readConstants}.
     */
    private boolean namesJcoro(int start, int length) {
        int from = b[start] == 'L' ? start + 1 : start;
        return from + JCORO.length <= start + length && startsWith(from, JCORO);
    }

    private boolean startsWith(int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** True if the string at {@code start} begins with one of the JDK's packages, read from the bytes. */
    private boolean isPlatformAt(int start, int length) {
        int first = b[start];
        if (first != 'j' && first != 's' && first != 'c') {
            return false;
        }
        for (byte[] prefix : PLATFORM) {
            if (length >= prefix.length && startsWith(start, prefix)) {
                return true;
            }
        }
        return false;
    }

    private boolean equals(int start, int length, byte[] word) {
        if (length != word.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[start + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    private int u2(int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private int u4(int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }
}
