package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code tests/node} (node:test, with the stock pusher-js client and the {@code pusher}
 * SDK) against a server started here. Node and {@code npm ci --prefix tests/node} are
 * prerequisites of the build: without them this test fails, it never skips.
 */
class NodeClientTest {

    @Test
    void theStockJavaScriptLibrariesWorkAgainstTheServer() throws Exception {
        Path root = repositoryRoot();
        Path modules = root.resolve("tests/node/node_modules");
        for (String module : new String[] {"pusher-js", "pusher"}) {
            assertThat(modules.resolve(module).resolve("package.json"))
                    .as("%s is missing: run `npm ci --prefix tests/node`", module).isRegularFile();
        }
        try (SockudoServer server = TestServer.startWith(TestServer.app().enableClientMessages(true).build())) {
            ProcessBuilder pb = new ProcessBuilder("node", "--test", "tests/node/")
                    .directory(root.toFile())
                    .redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.put("SOCKUDO_PORT", Integer.toString(server.port()));
            env.put("SOCKUDO_APP_ID", TestServer.APP_ID);
            env.put("SOCKUDO_APP_KEY", TestServer.KEY);
            env.put("SOCKUDO_APP_SECRET", TestServer.SECRET);
            Process node;
            try {
                node = pb.start();
            } catch (IOException e) {
                throw new AssertionError("cannot run `node`: install Node.js 18 or later and put it on the PATH", e);
            }
            StringBuilder output = new StringBuilder();
            Thread pump = new Thread(() -> copyToLog(node, output), "node-test-output");
            pump.start();
            boolean finished = node.waitFor(90, TimeUnit.SECONDS);
            if (!finished) {
                node.destroyForcibly();
            }
            pump.join(5000);
            assertThat(finished).as("node --test finished within 90 s; output so far:%n%s", output).isTrue();
            assertThat(node.exitValue()).as("node --test tests/node/ exit status; output:%n%s", output).isZero();
        }
    }

    /** Streams node's output into the test log as it comes, and keeps it for the failure message. */
    private static void copyToLog(Process node, StringBuilder output) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                System.out.println("[node] " + line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            System.out.println("[node] output ended: " + e);
        }
    }

    /** The checkout's root: the nearest directory above the working directory holding tests/node/package.json. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("tests/node/package.json"))) {
                return p;
            }
        }
        throw new AssertionError("tests/node/package.json not found above " + Path.of("").toAbsolutePath());
    }
}
