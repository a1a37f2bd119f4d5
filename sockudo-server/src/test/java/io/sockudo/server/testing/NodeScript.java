package io.sockudo.server.testing;

import io.sockudo.testkit.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs Node tests (node:test) from {@code tests/node} against a running server. Missing Node
 * or missing {@code tests/node/node_modules} is a failure, not a skip: CI installs them. So is a
 * run that executed no test, and a run that outlives its deadline (it is killed).
 */
public final class NodeScript {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private NodeScript() {
    }

    /** The repository root: the first ancestor of the working directory holding tests/node/package.json. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("tests/node/package.json"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new AssertionError("tests/node/package.json not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /**
     * Runs {@code node --test} on a file or directory (relative to the repository root) with the
     * server's coordinates in the environment, and requires at least one test to have run and
     * all to have passed; returns the TAP output.
     */
    public static String run(String relativePath, int port, Map<String, String> extraEnv) {
        Path root = repoRoot();
        if (!Files.isDirectory(root.resolve("tests/node/node_modules"))) {
            throw new AssertionError("tests/node/node_modules is missing: run `npm ci --prefix tests/node` (scripts/test.sh does)");
        }
        ProcessBuilder pb = new ProcessBuilder(List.of("node", "--test", "--test-reporter=tap", relativePath))
                .directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("SOCKUDO_PORT", Integer.toString(port));
        env.put("SOCKUDO_APP_ID", TestServer.APP_ID);
        env.put("SOCKUDO_APP_KEY", TestServer.KEY);
        env.put("SOCKUDO_APP_SECRET", TestServer.SECRET);
        env.putAll(extraEnv);
        ToolRun.Result result = ToolRun.run(pb, DEADLINE);
        String output = result.out();
        System.out.println(output);
        if (result.exitCode() != 0) {
            throw new AssertionError("node --test " + relativePath + " failed (exit " + result.exitCode() + "):\n" + result.tail());
        }
        NodeTestSummary.of(output).requireAllPassed("node --test " + relativePath);
        return output;
    }
}
