package io.sockudo.server.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The launcher's logging: {@code java.util.logging} (where the libraries' {@code System.Logger}
 * and Undertow's jboss-logging end up) writing one line per record to standard error:
 * {@code 2025-01-31T12:00:00.000Z INFO  io.sockudo.server.Main listening on 0.0.0.0:6001}.
 */
public final class ConsoleLogging {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ConsoleLogging() {
    }

    /**
     * Routes all logging to standard error, at INFO, or at DEBUG for this server's own loggers
     * when {@code debug} is on. Undertow and XNIO stay at WARNING either way: their INFO lines
     * are version banners. Calling it again replaces the previous setup.
     */
    public static void install(boolean debug) {
        // Levels are given by logger name, so they also hold for loggers the libraries create
        // later; a level set on a Logger object is lost if nothing keeps that object alive.
        String properties = ".level=INFO\n"
                + "io.sockudo.level=" + (debug ? "FINE" : "INFO") + "\n"
                + "org.xnio.level=WARNING\n"
                + "io.undertow.level=WARNING\n"
                + "org.jboss.level=WARNING\n";
        try {
            LogManager.getLogManager().readConfiguration(
                    new ByteArrayInputStream(properties.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Handler handler = new StandardErrorHandler();
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    /**
     * Writes one line in the log format straight to standard error, for the last words of a
     * stopping process: the JVM's own shutdown hook may already have removed the log handlers.
     */
    public static void printDirect(System.Logger.Level level, String logger, String message) {
        LogRecord r = new LogRecord(toJul(level), message);
        r.setLoggerName(logger);
        PrintStream err = System.err;
        err.print(new OneLine().format(r));
        err.flush();
    }

    private static Level toJul(System.Logger.Level level) {
        return switch (level) {
            case ERROR -> Level.SEVERE;
            case WARNING -> Level.WARNING;
            case DEBUG -> Level.FINE;
            case TRACE -> Level.FINER;
            default -> Level.INFO;
        };
    }

    /** Names JUL levels as {@code System.Logger} does, since that is what the code logs with. */
    private static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN ";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO ";
        }
        if (v >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder line = new StringBuilder(160)
                    .append(TIME.format(r.getInstant())).append(' ')
                    .append(levelName(r.getLevel())).append(' ')
                    .append(r.getLoggerName()).append(' ')
                    .append(formatMessage(r).replace('\n', ' '))
                    .append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }

    /**
     * Prints to whatever {@code System.err} is at the time, and never closes it: the log
     * manager closes handlers on reset, and a closed standard error would silence everything.
     */
    private static final class StandardErrorHandler extends Handler {
        StandardErrorHandler() {
            setFormatter(new OneLine());
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                PrintStream err = System.err;
                err.print(getFormatter().format(record));
                err.flush();
            }
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
