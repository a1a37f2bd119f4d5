package io.sockudo.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only Undertow's trailer-parser failure is turned into a FINE line; everything else is logged as it was. */
class TrailerParserDefectTest {

    private final Logger undertow = Logger.getLogger("io.undertow.request.io");
    private final List<LogRecord> published = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            published.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level level;

    @BeforeEach
    void watch() {
        TrailerParserDefect.install();
        level = undertow.getLevel();
        undertow.setLevel(Level.FINE);
        undertow.setUseParentHandlers(false);
        undertow.addHandler(handler);
    }

    @AfterEach
    void restore() {
        undertow.removeHandler(handler);
        undertow.setUseParentHandlers(true);
        undertow.setLevel(level);
    }

    private static IllegalArgumentException thrownAt(String className) {
        IllegalArgumentException e = new IllegalArgumentException("Parameter 'headerName' may not be null");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("io.undertow.util.HeaderMap", "put", "HeaderMap.java", 732),
            new StackTraceElement(className, "handle", "ChunkReader.java", 238)});
        return e;
    }

    private void logSevere(Throwable t) {
        LogRecord r = new LogRecord(Level.SEVERE, "UT005090: Unexpected failure");
        r.setThrown(t);
        undertow.log(r);
    }

    @Test
    void theTrailerParsersFailureBecomesOneFineLineWithoutAStackTrace() {
        logSevere(thrownAt("io.undertow.conduits.ChunkReader$TrailerParser"));
        assertThat(published).hasSize(1);
        assertThat(published.get(0).getLevel()).isEqualTo(Level.FINE);
        assertThat(published.get(0).getThrown()).isNull();
        assertThat(published.get(0).getMessage()).contains("trailer");
    }

    @Test
    void anyOtherFailureIsLoggedAsItWas() {
        IllegalArgumentException elsewhere = thrownAt("io.undertow.server.HttpServerExchange");
        logSevere(elsewhere);
        IllegalStateException otherKind = new IllegalStateException("x");
        otherKind.setStackTrace(thrownAt("io.undertow.conduits.ChunkReader$TrailerParser").getStackTrace());
        logSevere(otherKind);
        assertThat(published).extracting(LogRecord::getThrown).containsExactly(elsewhere, otherKind);
    }

    @Test
    void installingAgainKeepsTheFilterThatIsThere() {
        java.util.logging.Filter installed = undertow.getFilter();
        TrailerParserDefect.install();
        assertThat(undertow.getFilter()).isInstanceOf(TrailerParserDefect.class).isSameAs(installed);
    }
}
