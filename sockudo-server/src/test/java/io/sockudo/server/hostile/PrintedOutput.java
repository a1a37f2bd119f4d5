package io.sockudo.server.hostile;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the process prints while hostile input is sent: exceptions logged through
 * java.util.logging (where Undertow and this server log) and anything written to stderr. An
 * input anyone can send must not leave a stack trace behind; that would be a log flood on demand.
 */
final class PrintedOutput implements AutoCloseable {

    private final List<String> logged = new ArrayList<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final PrintStream originalErr = System.err;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            // at the levels the launcher prints; a test that turns a logger up to watch it is not printing
            if (r.getThrown() != null && r.getLevel().intValue() >= Level.INFO.intValue()) {
                synchronized (logged) {
                    logged.add(r.getLoggerName() + ": " + r.getMessage() + " " + r.getThrown());
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private PrintedOutput() {
        Logger.getLogger("").addHandler(handler);
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    static PrintedOutput capture() {
        return new PrintedOutput();
    }

    /** Exceptions logged and stderr text so far, empty when nothing was printed. */
    String printed() {
        StringBuilder sb = new StringBuilder();
        synchronized (logged) {
            logged.forEach(l -> sb.append(l).append('\n'));
        }
        return sb.append(stderr.toString(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void close() {
        System.setErr(originalErr);
        Logger.getLogger("").removeHandler(handler);
    }
}
