package io.sockudo.store.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Collects what the webhook package logs, as "LEVEL message" lines with parameters filled in. */
final class LogCapture extends Handler implements AutoCloseable {

    private static final SimpleFormatter FORMAT = new SimpleFormatter();

    // held so the logger, and the handler on it, are not collected during a test
    private final Logger logger = Logger.getLogger("io.sockudo.store.webhook");
    private final List<String> lines = new ArrayList<>();

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
        capture.logger.addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(record.getLevel().getName() + " " + FORMAT.formatMessage(record));
    }

    /** The lines logged at WARNING or above so far. */
    synchronized List<String> warnings() {
        return lines.stream().filter(l -> l.startsWith("WARNING ") || l.startsWith("SEVERE ")).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
