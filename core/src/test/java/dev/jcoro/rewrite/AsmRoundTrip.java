package dev.jcoro.rewrite;

import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableRunnable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * Copies a class file through ASM with a {@link SuspendingVisitor} in between, as a continuation body.
 * Loaded next to a rewritten ASM (and rewritten itself), it calls that ASM directly, with no reflection
 * between the continuation and the frames that suspend.
 */
public final class AsmRoundTrip implements SuspendableRunnable {
    private final byte[] in;
    /** The copy, once {@link #run()} has ended. */
    public byte[] out;

    public AsmRoundTrip(byte[] in) {
        this.in = in;
    }

    @Suspendable
    @Override
    public void run() {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(in).accept(new SuspendingVisitor(writer), 0);
        out = writer.toByteArray();
    }
}
