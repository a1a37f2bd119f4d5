package io.sockudo.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Writes pairs into a directory as {@code NAME.base} / {@code NAME.target} / {@code NAME.delta}
 * (the layout the node batch script reads) and runs one external process per pair in parallel:
 * a process start costs milliseconds, so a few run at once.
 */
final class PairFiles {
  private static final int PARALLEL_PROCESSES = 4;

  private PairFiles() {
  }

  static Path base(Path dir, String name) {
    return dir.resolve(name + ".base");
  }

  static Path target(Path dir, String name) {
    return dir.resolve(name + ".target");
  }

  static Path delta(Path dir, String name) {
    return dir.resolve(name + ".delta");
  }

  static Path out(Path dir, String name) {
    return dir.resolve(name + ".out");
  }

  static Path err(Path dir, String name) {
    return dir.resolve(name + ".err");
  }

  static void write(Path file, byte[] content) {
    try {
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String readString(Path file) {
    return new String(read(file), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Writes base and target of every pair into {@code dir}. */
  static void writePairs(Path dir, List<TestPairs.Pair> pairs) {
    for (TestPairs.Pair p : pairs) {
      write(base(dir, p.name()), p.base());
      write(target(dir, p.name()), p.target());
    }
  }

  /** Runs {@code action} for every item, a few at a time; rethrows the first failure. */
  static <T> void forEachParallel(List<T> items, Consumer<T> action) {
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_PROCESSES);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> action.accept(item)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
