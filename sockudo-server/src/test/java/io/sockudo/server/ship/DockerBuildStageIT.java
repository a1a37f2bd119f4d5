package io.sockudo.server.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.NodeScript;
import io.sockudo.testkit.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image without Docker (none runs here): the Dockerfile's build stage's RUN
 * commands are run, as written, on a copy of the build context that {@code .dockerignore}
 * leaves, and must produce the runnable jar where the runtime stage copies it from. The only
 * difference from a Docker build: the output directory is a temporary one, and Maven runs
 * offline on the local repository. The runtime stage is checked for what it must declare.
 */
class DockerBuildStageIT {

    private static final Duration BUILD_DEADLINE = Duration.ofMinutes(8);

    @TempDir
    Path dir;

    @Test
    void theBuildStageBuildsTheJarFromTheBuildContext() throws IOException {
        Path root = NodeScript.repoRoot();
        DockerfileStages dockerfile = DockerfileStages.read(root.resolve("Dockerfile"));
        Path context = dir.resolve("context");
        BuildContext.copy(root, context);
        assertThat(context.resolve("pom.xml")).isRegularFile();
        assertThat(context.resolve("sockudo-server/target")).doesNotExist();
        assertThat(context.resolve("tests/node/node_modules")).doesNotExist();

        String home = dockerfile.env("build").get("SOCKUDO_HOME");
        assertThat(home).as("ENV SOCKUDO_HOME of the build stage").isNotNull();
        Path out = dir.resolve("home");
        List<String> runs = dockerfile.all("build", "RUN");
        assertThat(runs).isNotEmpty();
        for (String command : runs) {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(context.toFile()).redirectErrorStream(true);
            pb.environment().putAll(dockerfile.env("build"));
            pb.environment().put("SOCKUDO_HOME", out.toString());
            pb.environment().put("MAVEN_ARGS", "-o");
            ToolRun.Result result = ToolRun.run(pb, BUILD_DEADLINE);
            assertThat(result.exitCode()).as("RUN %s:%n%s", command, result.tail()).isZero();
        }
        assertThat(out.resolve("sockudo-server.jar")).isRegularFile();
        assertThat(out.resolve("config/config.json")).isRegularFile();

        // the runtime stage takes exactly that directory and runs that jar
        assertThat(dockerfile.all("runtime", "COPY")).anySatisfy(copy ->
                assertThat(copy).startsWith("--from=build").endsWith(home + " " + home));
        assertThat(dockerfile.all("runtime", "ENTRYPOINT"))
                .containsExactly("[\"java\", \"-jar\", \"" + home + "/sockudo-server.jar\"]");
    }

    @Test
    void theRuntimeImageRunsUnprivilegedOnAJre17AndChecksUp() throws IOException {
        DockerfileStages dockerfile = DockerfileStages.read(NodeScript.repoRoot().resolve("Dockerfile"));
        assertThat(dockerfile.all("build", "FROM")).singleElement().asString().contains("temurin-17");
        assertThat(dockerfile.all("runtime", "FROM")).singleElement().asString().contains("17-jre");
        assertThat(dockerfile.all("runtime", "USER")).containsExactly("sockudo");
        assertThat(dockerfile.all("runtime", "RUN")).anySatisfy(run -> assertThat(run).contains("adduser -S"));
        assertThat(dockerfile.all("runtime", "HEALTHCHECK")).singleElement().asString()
                .contains("http://127.0.0.1:${PORT:-6001}/up");
        assertThat(dockerfile.all("runtime", "EXPOSE")).containsExactly("6001 9601");
        // JVM flags have their place, and the container's memory limit sizes the heap
        Map<String, String> env = dockerfile.env("runtime");
        assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
    }
}
