package dev.jcoro.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Goal {@code instrument}: rewrites the project's {@code @Suspendable} code in
 * {@code target/classes} after compilation, resolving supertypes through the compile class path, so the
 * classes run without {@code -javaagent}.
 */
@Mojo(name = "instrument", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class InstrumentMojo extends AbstractInstrumentMojo {
    @Override
    Path classesDirectory() {
        return Path.of(project.getBuild().getOutputDirectory());
    }

    @Override
    List<String> classPath() throws DependencyResolutionRequiredException {
        return project.getCompileClasspathElements();
    }
}
