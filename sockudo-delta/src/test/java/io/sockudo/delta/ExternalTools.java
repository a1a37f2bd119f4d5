package io.sockudo.delta;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The independent codec implementations the interop tests compare against: the {@code fossil}
 * and {@code xdelta3} binaries, and node with npm {@code fossil-delta} and
 * {@code @ably/vcdiff-decoder} from {@code tests/node} of this repository.
 *
 * <p>A missing tool fails the test with a message saying how to install it; nothing is skipped.
 */
final class ExternalTools {
  private static final long TIMEOUT_SECONDS = 120;

  private ExternalTools() {
  }

  record Result(int exitCode, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
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

  /** Runs {@code command} to completion and returns its exit code and output. */
  static Result run(List<String> command) {
    return run(command, null);
  }

  static Result run(List<String> command, Path nodeHome) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (nodeHome != null) {
      pb.environment().put("DELTA_NODE_HOME", nodeHome.toString());
    }
    try {
      Process process = pb.start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] out = readAll(process.getInputStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("timed out: " + String.join(" ", command));
      }
      return new Result(process.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return fail("cannot run " + String.join(" ", command) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted: " + String.join(" ", command));
    }
  }

  /** Runs the node batch script over a directory of pairs; returns its summary line. */
  static String nodeBatch(String command, Path dir) {
    Path home = nodeHome();
    Result r = run(List.of("node", batchScript().toString(), command, dir.toString()), home);
    if (r.exitCode() != 0) {
      fail("node " + command + " failed (" + r.exitCode() + "): " + r.stderr());
    }
    return r.out().trim();
  }

  static List<String> cmd(String... parts) {
    return new ArrayList<>(List.of(parts));
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
