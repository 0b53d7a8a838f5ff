package dev.jcoro.instrument.agent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} entry point: installs the transformer that rewrites {@code @Suspendable} code as
 * it loads. Usage: {@code java -javaagent:jcoro-agent.jar[=verbose,dump=DIR,include=PKG,exclude=PKG] ...}
 */
public final class JcoroAgent {
    private JcoroAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        install(args, instrumentation);
    }

    /** Attaching late only helps classes that load afterwards; classes already loaded stay as they are. */
    public static void agentmain(String args, Instrumentation instrumentation) {
        install(args, instrumentation);
    }

    private static void install(String args, Instrumentation instrumentation) {
        AgentOptions options = AgentOptions.parse(args);
        // Read by core when it refuses a suspension, to tell "agent missing" from "class excluded".
        System.setProperty("dev.jcoro.agent", options.toString());
        instrumentation.addTransformer(new JcoroTransformer(options, System.err), false);
        instrumentation.addTransformer(new ModuleReads(instrumentation), false);
        if (options.verbose()) {
            System.err.println("[jcoro] agent installed: " + options);
        }
    }
}
