package io.sockudo.transport.http;

import io.sockudo.adapter.api.ApiError;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads one request's body on its I/O thread without ever blocking it, holding no more memory
 * than has arrived: the buffer starts small (never sized from {@code Content-Length}, which
 * costs a client nothing to claim) and doubles as bytes come, each growth taken from the shared
 * {@link BodyBudget} first.
 *
 * <p>Armed as soon as a request with a body arrives, it also keeps the request's deadline: a
 * body still incomplete when {@link BodyLimits#bodyTimeout()} has passed is answered 408 and its
 * connection closed, and a connection still sending a body that was refused is closed then too.
 *
 * <p>A refused body is discarded until it ends, so that a client still writing it sees the answer
 * rather than a reset. One of declared length is answered at once and Undertow discards the rest;
 * a chunked one is discarded here first and answered after, because Undertow's own chunk parser
 * throws on some malformed trailers, logging a stack trace for anyone who sends one.
 */
final class BodyReader implements ChannelListener<StreamSourceChannel> {

    /** What reads the body once it is complete. */
    @FunctionalInterface
    interface Then {
        void body(HttpServerExchange exchange, byte[] body);
    }

    private static final AttachmentKey<BodyReader> KEY = AttachmentKey.create(BodyReader.class);
    private static final int INITIAL_BYTES = 4096;
    private static final int DISCARD_BYTES = 1024;
    private static final byte[] EMPTY = new byte[0];

    private enum State { WAITING, READING, DISCARDING, DONE }

    private final HttpServerExchange exchange;
    private final BodyLimits limits;
    private final BodyBudget budget;
    private final XnioExecutor.Key deadline;
    private State state = State.WAITING;
    private StreamSourceChannel channel;
    private Then then;
    /** What answers once a discarded body has ended. */
    private HttpHandler afterDiscard;
    private byte[] buffer;
    private ByteBuffer window;
    private long reserved;

    private BodyReader(HttpServerExchange exchange, BodyLimits limits, BodyBudget budget) {
        this.exchange = exchange;
        this.limits = limits;
        this.budget = budget;
        this.deadline = exchange.getIoThread().executeAfter(this::expire, limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        exchange.addExchangeCompleteListener((ex, next) -> {
            deadline.remove();
            release();
            next.proceed();
        });
    }

    /** Starts the deadline of a request that has a body, once per request. */
    static BodyReader arm(HttpServerExchange exchange, BodyLimits limits, BodyBudget budget) {
        BodyReader armed = exchange.getAttachment(KEY);
        if (armed == null) {
            armed = new BodyReader(exchange, limits, budget);
            exchange.putAttachment(KEY, armed);
        }
        return armed;
    }

    /**
     * Reads the body and hands it to {@code next} on the I/O thread, or answers the request itself
     * (413 over the limit, 503 when the budget is spent). Call it from the request's handler or a
     * task on its I/O thread.
     */
    void read(Then next) {
        if (state != State.WAITING) {
            return;
        }
        long length = exchange.getRequestContentLength();
        if (length > limits.maxBodyBytes()) {
            refuse(ApiError.payloadTooLarge("The request body is " + length + " bytes, the limit is " + limits.maxBodyBytes()));
            return;
        }
        if (!takeChannel()) {
            return;
        }
        this.then = next;
        state = State.READING;
        if (HttpContinue.requiresContinueResponse(exchange)) {
            askForBody();
        } else {
            pump(true);
        }
    }

    /**
     * A client that sent {@code Expect: 100-continue} waits for the go-ahead before its body;
     * it gets it only now, once the request is authenticated and within the limit.
     */
    private void askForBody() {
        boolean[] returned = {false};
        HttpContinue.sendContinueResponse(exchange, new IoCallback() {
            @Override
            public void onComplete(HttpServerExchange ex, Sender sender) {
                pump(!returned[0]);
            }

            @Override
            public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                state = State.DONE;
                IoUtils.safeClose(exchange.getConnection());
            }
        });
        returned[0] = true;
    }

    /** Answers with an error without reading the body; see the class comment for what happens to the body. */
    void refuse(ApiError error) {
        respond(ex -> Responses.error(ex, error));
    }

    /**
     * Runs a handler that does not read the body: now when its length is declared, after
     * discarding it when chunked.
     */
    void respond(HttpHandler answer) {
        if (state != State.WAITING) {
            return;
        }
        if (HttpContinue.requiresContinueResponse(exchange)) {
            // never asked for, the body will not come: nothing to discard, and the next bytes are not it
            exchange.setPersistent(false);
            state = State.DONE;
            run(true, answer);
        } else if (exchange.getRequestContentLength() >= 0) {
            state = State.DONE;
            run(true, answer);
        } else if (takeChannel()) {
            discardThen(true, answer);
        }
    }

    private boolean takeChannel() {
        channel = exchange.getRequestChannel();
        if (channel == null) {
            state = State.DONE;
            Responses.error(exchange, new ApiError(500, "internal_error", "The request body was already taken"));
            return false;
        }
        return true;
    }

    @Override
    public void handleEvent(StreamSourceChannel ignored) {
        pump(false);
    }

    private void pump(boolean inline) {
        try {
            for (;;) {
                if (state == State.READING && (window == null || !window.hasRemaining()) && !grow(inline)) {
                    return;
                }
                if (state != State.READING && state != State.DISCARDING) {
                    return;
                }
                int n = channel.read(window);
                if (state == State.DISCARDING) {
                    window.clear();
                }
                if (n < 0) {
                    ended(inline);
                    return;
                }
                if (n == 0) {
                    channel.getReadSetter().set(this);
                    channel.resumeReads();
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or broke the encoding (Undertow's chunk parser may throw
            // unchecked exceptions on garbage): nobody is left to answer
            state = State.DONE;
            stopReading();
            drop();
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    /**
     * Makes room for more bytes: doubles the buffer up to one byte past the limit (a body of
     * unknown length that fills that byte is too large), after reserving the growth.
     */
    private boolean grow(boolean inline) {
        int capacity = buffer == null ? 0 : buffer.length;
        long ceiling = limits.maxBodyBytes() + 1;
        if (capacity >= ceiling) {
            tooMuch(inline, ApiError.payloadTooLarge("The request body exceeds " + limits.maxBodyBytes() + " bytes"));
            return false;
        }
        long length = exchange.getRequestContentLength();
        long wanted = capacity == 0 && length >= 0 ? Math.min(INITIAL_BYTES, length + 1) : Math.max(INITIAL_BYTES, 2L * capacity);
        int next = (int) Math.min(ceiling, wanted);
        // the probe byte past the limit is not counted, so a budget equal to the limit holds a largest body
        long growth = Math.min(next, limits.maxBodyBytes()) - Math.min(capacity, limits.maxBodyBytes());
        if (!budget.tryReserve(growth)) {
            tooMuch(inline, new ApiError(503, "service_unavailable", "The server is reading too many request bodies; try again"));
            return false;
        }
        reserved += growth;
        int position = window == null ? 0 : window.position();
        buffer = buffer == null ? new byte[next] : Arrays.copyOf(buffer, next);
        window = ByteBuffer.wrap(buffer);
        window.position(position);
        return true;
    }

    /** Gives up reading mid-body: what was read is dropped, and the answer goes out as for a refusal. */
    private void tooMuch(boolean inline, ApiError error) {
        drop();
        HttpHandler answer = ex -> Responses.error(ex, error);
        if (exchange.getRequestContentLength() >= 0) {
            state = State.DONE;
            stopReading();
            run(inline, answer);
        } else {
            discardThen(inline, answer);
        }
    }

    private void discardThen(boolean inline, HttpHandler answer) {
        state = State.DISCARDING;
        afterDiscard = answer;
        window = ByteBuffer.allocate(DISCARD_BYTES);
        pump(inline);
    }

    private void ended(boolean inline) {
        boolean discarded = state == State.DISCARDING;
        state = State.DONE;
        stopReading();
        if (discarded) {
            window = null;
            run(inline, afterDiscard);
            return;
        }
        byte[] body = buffer == null ? EMPTY : window.position() == buffer.length ? buffer : Arrays.copyOf(buffer, window.position());
        buffer = null;
        window = null;
        // the budget bounds bodies being read; this one is read, and its answer may reach the
        // client before the handler returns, so the budget is freed before the client can see it
        release();
        Then next = then;
        run(inline, ex -> next.body(ex, body));
    }

    private void expire() {
        if (exchange.isComplete()) {
            return;
        }
        State was = state;
        state = State.DONE;
        if (was == State.READING || was == State.DISCARDING) {
            stopReading();
            drop();
        }
        if (exchange.isResponseStarted()) {
            // answered already, and the client is still sending what was refused
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.setPersistent(false);
        run(false, ex -> Responses.error(ex, new ApiError(408, "request_timeout",
                "The request body did not arrive within " + limits.bodyTimeout().toMillis() + " ms")));
    }

    /**
     * Runs a step inline when called from the request's handler or a task that owns the exchange,
     * otherwise (from the read listener or the deadline) as a new root handler call, which ends
     * the exchange properly if the step does not.
     */
    private void run(boolean inline, HttpHandler step) {
        if (inline) {
            try {
                step.handleRequest(exchange);
            } catch (Exception e) {
                System.getLogger(BodyReader.class.getName()).log(System.Logger.Level.ERROR, "HTTP API answer failed", e);
                IoUtils.safeClose(exchange.getConnection());
            }
        } else {
            Connectors.executeRootHandler(step, exchange);
        }
    }

    private void stopReading() {
        if (channel != null) {
            channel.getReadSetter().set(null);
            channel.suspendReads();
        }
    }

    private void drop() {
        buffer = null;
        window = null;
        release();
    }

    private void release() {
        if (reserved > 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }
}
