package io.antelopekit.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates typed contract classes for the tests from {@code src/test/antelope/*.abi.json} and
 * from contracts fetched from a node, into {@code target/generated-test-sources/antelope}, a
 * test source root.
 */
@Mojo(name = "generate-test", defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES, threadSafe = true)
public class GenerateTestMojo extends AbstractGenerateMojo {

    /** The directory of the {@code *.abi.json} files. */
    @Parameter(property = "antelope.testAbiDirectory", defaultValue = "${project.basedir}/src/test/antelope")
    File abiDirectory;

    /** Where the sources are written; it becomes a test source root. */
    @Parameter(property = "antelope.testOutputDirectory",
            defaultValue = "${project.build.directory}/generated-test-sources/antelope")
    File outputDirectory;

    @Override
    File abiDirectory() {
        return abiDirectory;
    }

    @Override
    File outputDirectory() {
        return outputDirectory;
    }

    @Override
    void addSourceRoot(String directory) {
        project.addTestCompileSourceRoot(directory);
    }
}
