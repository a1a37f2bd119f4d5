package io.sockudo.delta;

import static org.assertj.core.api.Assertions.fail;

import io.sockudo.testkit.ToolRun;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The independent codec implementations the interop tests compare against: the {@code fossil}
 * and {@code xdelta3} binaries, and node with npm {@code fossil-delta} and
 * {@code @ably/vcdiff-decoder} from {@code tests/node} of this repository.
 *
 * <p>A missing tool fails the test with a message saying how to install it; nothing is skipped.
 */
final class ExternalTools {
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  private ExternalTools() {
  }

  /** The repository root: the nearest ancestor of the working directory holding tests/node/package.json. */
  static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("tests/node/package.json"))) {
        return p;
      }
    }
    return fail("cannot find tests/node/package.json above " + Path.of("").toAbsolutePath());
  }

  /** The directory whose node_modules holds the npm codecs, checked to be installed. */
  static Path nodeHome() {
    Path home = repoRoot().resolve("tests/node");
    for (String module : List.of("fossil-delta", "@ably/vcdiff-decoder")) {
      if (!Files.isRegularFile(home.resolve("node_modules").resolve(module).resolve("package.json"))) {
        fail("npm module " + module + " is missing from " + home
            + "/node_modules; install it with: npm ci --prefix tests/node");
      }
    }
    requireTool("node", "install Node.js 18 or newer");
    return home;
  }

  static Path batchScript() {
    return repoRoot().resolve("sockudo-delta/src/test/node/delta-batch.mjs");
  }

  /** Fails unless {@code name} is an executable on the PATH. */
  static void requireTool(String name, String howToInstall) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return;
        }
      }
    }
    fail(name + " is not on the PATH; " + howToInstall + " (scripts/test.sh installs it)");
  }

  static void requireXdelta3() {
    requireTool("xdelta3", "install it with: apt-get install xdelta3");
  }

  static void requireFossil() {
    requireTool("fossil", "install it with: apt-get install fossil");
  }

  /**
   * Runs {@code command} to completion and returns its exit code and output; a run past the
   * deadline is killed with its children and fails the test with the end of its output.
   */
  static ToolRun.Result run(List<String> command) {
    return run(command, null);
  }

  static ToolRun.Result run(List<String> command, Path nodeHome) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (nodeHome != null) {
      pb.environment().put("DELTA_NODE_HOME", nodeHome.toString());
    }
    return ToolRun.run(pb, DEADLINE);
  }

  /** Runs the node batch script over a directory of pairs; returns its summary line. */
  static String nodeBatch(String command, Path dir) {
    Path home = nodeHome();
    ToolRun.Result r = run(List.of("node", batchScript().toString(), command, dir.toString()), home);
    if (r.exitCode() != 0) {
      fail("node " + command + " failed (" + r.exitCode() + "): " + r.stderr());
    }
    return r.out().trim();
  }

  static List<String> cmd(String... parts) {
    return new ArrayList<>(List.of(parts));
  }
}
