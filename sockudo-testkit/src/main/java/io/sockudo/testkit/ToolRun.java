package io.sockudo.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program a test needs (node, xdelta3, fossil, a launched server) to its end
 * or to a deadline. A program still running at its deadline is killed with everything it
 * started, and the test fails with the end of what it printed: a hung tool must fail the build,
 * not hang it.
 */
public final class ToolRun {

    private static final int TAIL_CHARS = 4000;

    /** How a run ended. {@code stderr} is empty when the builder merged it into stdout. */
    public record Result(int exitCode, byte[] stdout, String stderr) {

        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** The last few thousand characters of both streams, for failure messages. */
        public String tail() {
            return ToolRun.tail(out() + (stderr.isEmpty() ? "" : "\n[stderr]\n" + stderr));
        }
    }

    private ToolRun() {
    }

    /**
     * Starts the program with stdin closed, collects both output streams, and waits up to
     * {@code deadline}.
     *
     * @throws AssertionError when it cannot start, or did not end in time (then it is killed)
     */
    public static Result run(ProcessBuilder builder, Duration deadline) {
        String command = String.join(" ", builder.command());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + " (is it installed and on the PATH?): " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            Pump out = Pump.start(process.getInputStream(), "stdout of " + command);
            Pump err = Pump.start(process.getErrorStream(), "stderr of " + command);
            boolean ended = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                kill(process);
            }
            out.await();
            err.await();
            if (!ended) {
                throw new AssertionError(command + " did not finish within " + deadline.toSeconds()
                        + " s and was killed; the end of its output:\n" + tail(out.text() + "\n[stderr]\n" + err.text()));
            }
            return new Result(process.exitValue(), out.bytes(), err.text());
        } catch (IOException e) {
            kill(process);
            throw new AssertionError("talking to " + command + " failed", e);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + command + " ran", e);
        }
    }

    /**
     * Kills the process and everything it started. The descendants are listed first: once the
     * parent is gone, its children no longer count as its descendants and would live on.
     */
    public static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    static String tail(String text) {
        return text.length() <= TAIL_CHARS ? text : "..." + text.substring(text.length() - TAIL_CHARS);
    }

    /** Drains one output stream on its own thread, so a chatty program never blocks on a full pipe. */
    private static final class Pump {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        private Pump(InputStream in, String name) {
            this.thread = new Thread(() -> copy(in), name);
            thread.setDaemon(true);
        }

        static Pump start(InputStream in, String name) {
            Pump p = new Pump(in, name);
            p.thread.start();
            return p;
        }

        private void copy(InputStream in) {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (buffer) {
                        buffer.write(chunk, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // the program is gone; what was read is kept
            }
        }

        /** Waits briefly for the end of the stream: a killed program's pipe closes at once. */
        void await() throws InterruptedException {
            thread.join(5000);
        }

        byte[] bytes() {
            synchronized (buffer) {
                return buffer.toByteArray();
            }
        }

        String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }
}
