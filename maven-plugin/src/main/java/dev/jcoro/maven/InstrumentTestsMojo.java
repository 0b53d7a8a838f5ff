package dev.jcoro.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Goal {@code instrument-tests}: rewrites the {@code @Suspendable} code of the project's tests in
 * {@code target/test-classes}, resolving supertypes through the test class path (which holds the main
 * classes), so the tests run without {@code -javaagent}.
 */
@Mojo(name = "instrument-tests", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES,
        requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class InstrumentTestsMojo extends AbstractInstrumentMojo {
    @Override
    Path classesDirectory() {
        return Path.of(project.getBuild().getTestOutputDirectory());
    }

    @Override
    List<String> classPath() throws DependencyResolutionRequiredException {
        return project.getTestClasspathElements();
    }
}
