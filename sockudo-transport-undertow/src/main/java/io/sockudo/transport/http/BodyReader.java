package io.sockudo.transport.http;

import io.sockudo.adapter.api.ApiError;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * connection closed, and a connection still sending a body that was refused (401, 413, ...) is
 * closed then too. Until that deadline the rest of a refused body is read and discarded, so
 * that a client still writing it sees the answer instead of a reset.
 */
final class BodyReader implements ChannelListener<StreamSourceChannel> {

    /** What reads the body once it is complete. */
    @FunctionalInterface
    interface Then {
        void body(HttpServerExchange exchange, byte[] body);
    }

    private static final int INITIAL_BYTES = 4096;
    private static final byte[] EMPTY = new byte[0];

    private enum State { WAITING, READING, DONE }

    private final HttpServerExchange exchange;
    private final BodyLimits limits;
    private final BodyBudget budget;
    private final XnioExecutor.Key deadline;
    private State state = State.WAITING;
    private StreamSourceChannel channel;
    private Then then;
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

    private static final AttachmentKey<BodyReader> KEY = AttachmentKey.create(BodyReader.class);

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
     * Reads the body and hands it to {@code then} on the I/O thread, or answers the request itself
     * (413 over the limit, 503 when the budget is spent). Call it from the request's handler or a
     * task on its I/O thread.
     */
    void read(Then next) {
        if (state != State.WAITING) {
            return;
        }
        this.then = next;
        state = State.READING;
        long length = exchange.getRequestContentLength();
        if (length > limits.maxBodyBytes()) {
            answer(true, ApiError.payloadTooLarge("The request body is " + length + " bytes, the limit is " + limits.maxBodyBytes()));
            return;
        }
        channel = exchange.getRequestChannel();
        if (channel == null) {
            answer(true, new ApiError(500, "internal_error", "The request body was already taken"));
            return;
        }
        pump(true, length);
    }

    @Override
    public void handleEvent(StreamSourceChannel ignored) {
        pump(false, -1);
    }

    private void pump(boolean inline, long contentLength) {
        if (state != State.READING) {
            return;
        }
        try {
            for (;;) {
                if (window == null || !window.hasRemaining()) {
                    if (!grow(inline, contentLength)) {
                        return;
                    }
                }
                int n = channel.read(window);
                if (n < 0) {
                    complete(inline);
                    return;
                }
                if (n == 0) {
                    channel.getReadSetter().set(this);
                    channel.resumeReads();
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away or broke the chunked encoding: nobody is left to answer
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
    private boolean grow(boolean inline, long contentLength) {
        int capacity = buffer == null ? 0 : buffer.length;
        long ceiling = limits.maxBodyBytes() + 1;
        if (capacity >= ceiling) {
            answer(inline, ApiError.payloadTooLarge("The request body exceeds " + limits.maxBodyBytes() + " bytes"));
            return false;
        }
        long wanted = capacity == 0 && contentLength >= 0 ? Math.min(INITIAL_BYTES, contentLength + 1) : Math.max(INITIAL_BYTES, 2L * capacity);
        int next = (int) Math.min(ceiling, wanted);
        if (!budget.tryReserve(next - capacity)) {
            answer(inline, new ApiError(503, "service_unavailable", "The server is reading too many request bodies; try again"));
            return false;
        }
        reserved += next - capacity;
        int position = window == null ? 0 : window.position();
        buffer = buffer == null ? new byte[next] : Arrays.copyOf(buffer, next);
        window = ByteBuffer.wrap(buffer);
        window.position(position);
        return true;
    }

    private void complete(boolean inline) {
        state = State.DONE;
        stopReading();
        byte[] body = buffer == null ? EMPTY : window.position() == buffer.length ? buffer : Arrays.copyOf(buffer, window.position());
        buffer = null;
        window = null;
        Then next = then;
        run(inline, ex -> {
            try {
                next.body(ex, body);
            } finally {
                release();
            }
        });
    }

    /** Answers before the body is complete; the rest of it is discarded until the deadline. */
    private void answer(boolean inline, ApiError error) {
        state = State.DONE;
        stopReading();
        drop();
        run(inline, ex -> Responses.error(ex, error));
    }

    private void expire() {
        if (exchange.isComplete()) {
            return;
        }
        boolean reading = state == State.READING;
        state = State.DONE;
        if (reading) {
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
    private void run(boolean inline, Consumer<HttpServerExchange> step) {
        if (inline) {
            step.accept(exchange);
        } else {
            Connectors.executeRootHandler(step::accept, exchange);
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
