package io.sockudo.transport;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A defect of Undertow 2.4's chunked-body reader, logged for what it is: a client's malformed
 * request, not a server error.
 *
 * <p>Undertow's trailer parser widens each byte of a trailer field name to a {@code char} with its
 * sign, so a byte above 0x7F becomes a char above 0xFF; {@code HttpString.tryFromString} refuses
 * that with {@code null}, and the null name reaches {@code HeaderMap.put}, which throws
 * {@code IllegalArgumentException: Parameter 'headerName' may not be null}. Our body reader
 * catches it, but Undertow also discards bodies on its own: its Host-header check, which every
 * HTTP/1.1 listener wraps around the root handler (it cannot be configured away), answers a bad
 * {@code Host} with 400 before any handler of ours runs and then drains the body. There the
 * exception reaches Undertow's request log (UT005090) or XNIO's listener log (XNIO001007) with a
 * stack trace: an error line anyone can provoke, once per malformed trailer line.
 *
 * <p>This filter turns exactly that record (an {@code IllegalArgumentException} thrown from
 * Undertow's {@code ChunkReader$TrailerParser}) into one FINE line on the same logger; every other
 * record passes unchanged. It is installed once per process, on the two loggers the exception
 * reaches, keeping whatever filter they had.
 */
final class TrailerParserDefect implements Filter {

    private static final String TRAILER_PARSER = "io.undertow.conduits.ChunkReader$TrailerParser";
    /** Held so that the loggers, and so their filters, are not collected. */
    private static final Logger UNDERTOW_REQUEST_IO = Logger.getLogger("io.undertow.request.io");
    private static final Logger XNIO_LISTENER = Logger.getLogger("org.xnio.listener");

    private final Logger logger;
    private final Filter previous;

    private TrailerParserDefect(Logger logger, Filter previous) {
        this.logger = logger;
        this.previous = previous;
    }

    /** Installs the filter on both loggers unless it is already there. */
    static synchronized void install() {
        for (Logger l : new Logger[] {UNDERTOW_REQUEST_IO, XNIO_LISTENER}) {
            if (!(l.getFilter() instanceof TrailerParserDefect)) {
                l.setFilter(new TrailerParserDefect(l, l.getFilter()));
            }
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (thrownByTrailerParser(record.getThrown())) {
            logger.log(Level.FINE, "a client sent a chunked body whose trailer Undertow cannot parse; the request is dropped");
            return false;
        }
        return previous == null || previous.isLoggable(record);
    }

    static boolean thrownByTrailerParser(Throwable t) {
        if (!(t instanceof IllegalArgumentException)) {
            return false;
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().equals(TRAILER_PARSER)) {
                return true;
            }
        }
        return false;
    }
}
