package io.sockudo.adapter.cluster.services;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One server process a test starts: found on the PATH (a missing binary fails the test), run in
 * its own temporary directory with its output in a log there, ready when its port accepts TCP.
 * It can be killed with SIGKILL and started again on the same port.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final long READY_TIMEOUT_MS = 15_000;

    private final String name;
    private final List<String> command;
    private final Path dir;
    private final int port;
    private Process process;

    private ServiceProcess(String name, List<String> command, Path dir, int port) {
        this.name = name;
        this.command = command;
        this.dir = dir;
        this.port = port;
    }

    /** Starts {@code binary args…} listening on {@code port}, in a new temporary directory. */
    public static ServiceProcess start(String binary, int port, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(binary(binary).toString());
        command.addAll(args);
        try {
            ServiceProcess p = new ServiceProcess(binary, command, Files.createTempDirectory(binary + "-" + port + "-"), port);
            p.launch();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The executable called {@code name}, from the PATH or the sbin directories. */
    public static Path binary(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin"));
        for (String d : dirs) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " is not installed (scripts/test.sh installs it with apt)");
    }

    /** A port on 127.0.0.1 that was free a moment ago, low enough that port + 10000 exists. */
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

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
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
        String out = run(List.of("kill", "-" + signal, String.valueOf(process.pid())), 5_000);
        if (!out.isBlank()) {
            throw new IllegalStateException("kill -" + signal + " failed: " + out);
        }
    }

    /** Starts the same command again, on the same port, in the same directory. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    private void launch() {
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("output.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(name + " did not listen on " + port + " within " + READY_TIMEOUT_MS + " ms:\n" + log());
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

    public String log() {
        try {
            return Files.readString(dir.resolve("output.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Runs a command to its end (bounded) and returns its output. */
    public static String run(List<String> command, long timeoutMs) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeoutMs + " ms");
            }
            return new String(p.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

    private void waitFor() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL) and deletes its directory. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
