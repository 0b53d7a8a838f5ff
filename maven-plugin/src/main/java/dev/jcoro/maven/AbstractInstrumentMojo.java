package dev.jcoro.maven;

import dev.jcoro.instrument.agent.AgentOptions;
import dev.jcoro.instrument.offline.OfflineInstrumenter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What both goals share: rewrite one directory of compiled classes in place with the offline instrumenter,
 * resolving supertypes through one class path, report what it refused and fail the build on it.
 */
abstract class AbstractInstrumentMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Fail the build when a method cannot be instrumented (each refusal is printed with class, method and line). */
    @Parameter(property = "jcoro.failOnRefusal", defaultValue = "true")
    boolean failOnRefusal;

    /** Print each class rewritten and a summary; without it the goal prints only problems and warnings. */
    @Parameter(property = "jcoro.verbose", defaultValue = "false")
    boolean verbose;

    /** Package prefixes (such as {@code com.acme.service}) to instrument; empty means every package. */
    @Parameter
    List<String> includes = List.of();

    /** Package prefixes to leave alone, even inside an included package. */
    @Parameter
    List<String> excludes = List.of();

    /** Skip the goal. */
    @Parameter(property = "jcoro.skip", defaultValue = "false")
    boolean skip;

    /** The directory of class files this goal rewrites. */
    abstract Path classesDirectory();

    /** The class path the classes are compiled against, read for hierarchy lookups. */
    abstract List<String> classPath() throws DependencyResolutionRequiredException;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path classes = classesDirectory();
        if (skip) {
            getLog().info("jcoro: skipped");
            return;
        }
        if (!Files.isDirectory(classes)) {
            getLog().debug("jcoro: no classes in " + classes);
            return;
        }
        OfflineInstrumenter.Outcome outcome;
        try {
            List<Path> libraries = classPath().stream().map(Path::of).filter(p -> !p.equals(classes)).toList();
            outcome = OfflineInstrumenter.instrumentInPlace(classes, libraries, filter()::accepts);
        } catch (IOException e) {
            throw new MojoExecutionException("jcoro: cannot instrument " + classes + ": " + e.getMessage(), e);
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("jcoro: the class path of " + project.getId() + " is not resolved", e);
        }
        report(classes, outcome);
        if (!outcome.problems().isEmpty() && failOnRefusal) {
            throw new MojoFailureException("jcoro: " + outcome.problems().size() + " problem(s) in " + classes
                    + " (listed above); fix them, exclude the package (<excludes>), or set <failOnRefusal>false</failOnRefusal>"
                    + " to keep their classes uninstrumented");
        }
    }

    private void report(Path classes, OfflineInstrumenter.Outcome outcome) {
        for (String line : outcome.instrumented()) {
            if (verbose) {
                getLog().info("jcoro: instrumented " + line);
            } else {
                getLog().debug("jcoro: instrumented " + line);
            }
        }
        for (String warning : outcome.warnings()) {
            getLog().warn("jcoro: " + warning);
        }
        for (String problem : outcome.problems()) {
            if (failOnRefusal) {
                getLog().error("jcoro: " + problem);
            } else {
                getLog().warn("jcoro: " + problem);
            }
        }
        if (verbose) {
            getLog().info("jcoro: " + outcome.instrumented().size() + " classes instrumented in " + classes + ", "
                    + outcome.problems().size() + " problems");
        }
    }

    /** The agent's own include/exclude rule, so the plugin and the agent pick the same classes. */
    private AgentOptions filter() {
        return new AgentOptions(false, null, internalNames(includes), internalNames(excludes));
    }

    private static List<String> internalNames(List<String> packages) {
        return packages == null ? List.of() : packages.stream().map(p -> p.trim().replace('.', '/')).toList();
    }
}
