package io.sockudo.testkit.services;

import io.sockudo.testkit.ToolRun;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One server process a test starts, and what every server starter shares: a binary found on the
 * PATH or in the sbin directories (a missing one fails the test, naming the package), a directory
 * of its own with the output in {@code server.log} there, ready when its port accepts TCP (failing
 * at once if the process died). It can be crashed (SIGKILL to it and everything it started),
 * frozen (SIGSTOP) and thawed, and started again on the same port with the same directory;
 * {@link #close()} kills it and deletes the directory.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration DEFAULT_READY = Duration.ofSeconds(20);

    private final String name;
    private final List<String> command;
    private final Path dir;
    private final int port;
    private final Duration ready;
    private Process process;

    private ServiceProcess(String name, List<String> command, Path dir, int port, Duration ready) {
        this.name = name;
        this.command = List.copyOf(command);
        this.dir = dir;
        this.port = port;
        this.ready = ready;
    }

    /** Starts {@code binary args…} listening on {@code port}, in a new temporary directory. */
    public static ServiceProcess start(String binary, String installHint, int port, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(binary(installHint, binary).toString());
        command.addAll(args);
        return start(binary, command, newDirectory(binary), port, DEFAULT_READY);
    }

    /**
     * Starts a command in {@code dir} (which this process owns from now on: {@link #close()}
     * deletes it) and waits up to {@code ready} for {@code port}.
     */
    public static ServiceProcess start(String name, List<String> command, Path dir, int port, Duration ready) {
        ServiceProcess p = new ServiceProcess(name, command, dir, port, ready);
        try {
            p.launch();
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** A new temporary directory for a server called {@code name}. */
    public static Path newDirectory(String name) {
        try {
            return Files.createTempDirectory("sockudo-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first of these that is an executable: a path, or a name looked up on the PATH and in the
     * sbin directories. Fails with {@code installHint} when there is none.
     */
    public static Path binary(String installHint, String... candidates) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String c : candidates) {
            if (c.contains("/")) {
                if (Files.isExecutable(Path.of(c))) {
                    return Path.of(c);
                }
                continue;
            }
            for (String d : dirs) {
                Path candidate = Path.of(d.isEmpty() ? "." : d, c);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("cannot find " + String.join(" or ", candidates) + ": " + installHint
                + " (scripts/test.sh installs what the tests need)");
    }

    /**
     * A port on 127.0.0.1 that was free a moment ago, low enough that port + 10000 exists (a
     * Redis Cluster node's bus port).
     */
    public static int freePort() {
        for (int i = 0; i < 100; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (s.getLocalPort() < 55_000) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port below 55000");
    }

    /**
     * Runs a command to its end under a deadline, its output appended to {@code log}; fails with
     * the output when it does not succeed.
     */
    public static String run(List<String> command, Path log, Duration timeout) {
        ToolRun.Result result = ToolRun.run(new ProcessBuilder(command).redirectErrorStream(true), timeout);
        try {
            Files.writeString(log, result.out(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the output is still in the failure message below
        }
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with " + result.exitCode() + ":\n" + result.tail());
        }
        return result.out();
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** The file the server's output goes to. */
    public Path log() {
        return dir.resolve("server.log");
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL to the process and everything it started, as a crash would; returns when all are gone. */
    public void kill() {
        if (process == null) {
            return;
        }
        // the descendants first: once the parent is gone they are no longer listed as its descendants
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(name + " (process " + h.pid() + ") did not die", e);
            }
        }
    }

    /** SIGSTOP: the server keeps its sockets open but answers nothing. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        run(List.of("kill", "-" + signal, String.valueOf(process.pid())), log(), Duration.ofSeconds(5));
    }

    /** Starts the same command again, on the same port, in the same directory. */
    public void restart() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    private void launch() {
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        long deadline = System.nanoTime() + ready.toNanos();
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(name + " did not listen on " + port + " within " + ready + ":\n" + tail());
            }
            pause(20);
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines of the server's output, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the server and deletes its directory. */
    @Override
    public void close() {
        if (isAlive()) {
            kill();
        }
        deleteTree(dir);
    }

    /** Deletes a directory a server ran in, as far as it can. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a test for
        }
    }
}
