package io.antelopekit.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates typed contract classes for the main code from {@code src/main/antelope/*.abi.json}
 * and from contracts fetched from a node, into {@code target/generated-sources/antelope}.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>io.antelopekit</groupId>
 *   <artifactId>antelopekit-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>generate</goal></goals></execution></executions>
 *   <configuration><packageName>com.example.contracts</packageName></configuration>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractGenerateMojo {

    /** The directory of the {@code *.abi.json} files. */
    @Parameter(property = "antelope.abiDirectory", defaultValue = "${project.basedir}/src/main/antelope")
    File abiDirectory;

    /** Where the sources are written; it becomes a compile source root. */
    @Parameter(property = "antelope.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/antelope")
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
        project.addCompileSourceRoot(directory);
    }
}
