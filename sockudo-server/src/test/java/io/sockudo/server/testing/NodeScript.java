package io.sockudo.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node test file (node:test) from {@code tests/node} against a running server. Missing
 * Node or missing {@code tests/node/node_modules} is a failure, not a skip: CI installs them.
 */
public final class NodeScript {

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

    /** Runs {@code node --test <file>} with the server's coordinates in the environment; returns its output. */
    public static String run(String relativeFile, int port, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path root = repoRoot();
        if (!Files.isDirectory(root.resolve("tests/node/node_modules"))) {
            throw new AssertionError("tests/node/node_modules is missing: run `npm ci --prefix tests/node` (scripts/test.sh does)");
        }
        List<String> cmd = new ArrayList<>(List.of("node", "--test", "--test-reporter=spec", relativeFile));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("SOCKUDO_PORT", Integer.toString(port));
        env.put("SOCKUDO_APP_ID", TestServer.APP_ID);
        env.put("SOCKUDO_APP_KEY", TestServer.KEY);
        env.put("SOCKUDO_APP_SECRET", TestServer.SECRET);
        env.putAll(extraEnv);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run node: is Node.js installed?", e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node test timed out:\n" + new String(out));
        }
        String output = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        System.out.println(output);
        if (process.exitValue() != 0) {
            throw new AssertionError("node test " + relativeFile + " failed (exit " + process.exitValue() + "):\n" + output);
        }
        return output;
    }
}
