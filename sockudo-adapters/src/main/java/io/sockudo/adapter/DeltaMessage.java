package io.sockudo.adapter;

import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.WireFormat;
import io.sockudo.delta.DeltaCodec;
import io.sockudo.delta.DeltaEncoder;
import io.sockudo.protocol.DeltaFrames;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delta side of one published event: its plain frame text (the base of the next delta), its
 * sequence number and conflation key, and the frames built from it, shared by every recipient.
 *
 * <p>Recipients whose chains are in step hold the very same base array (the previous message's
 * {@link #payload}), so a delta is computed once per distinct (base, algorithm) however many
 * sockets receive it, on whichever shard asks first. The full frame with its {@code __delta_seq}
 * is the same for everyone, built once.
 */
final class DeltaMessage {

    private final String channel;
    private final String event;
    private final byte[] payload;
    private final long seq;
    private final String conflationKey;
    private final WireFormat wire;
    private final boolean omitAlgorithm;
    private final Frame plain;
    private volatile Frame full;
    private final ConcurrentHashMap<BaseKey, Frame> deltas = new ConcurrentHashMap<>(4);

    /** A base is identified by the array itself (identity) and the sequence number it was sent with. */
    private record BaseKey(byte[] base, long baseSeq, String algorithm) {
        @Override
        public boolean equals(Object o) {
            return o instanceof BaseKey k && k.base == base && k.baseSeq == baseSeq && k.algorithm.equals(algorithm);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(base) * 31 + Long.hashCode(baseSeq) * 17 + algorithm.hashCode();
        }
    }

    /** A frame that marks "no delta is worth sending for this base". */
    private static final Frame NOT_SMALLER = WireFormat.RAW.frame(new byte[0]);

    /**
     * @param plain the frame every subscriber without delta compression gets (the payload framed
     *              as is), sent on a chain whose deltas do not pay
     */
    DeltaMessage(String channel, String event, byte[] payload, long seq, String conflationKey, WireFormat wire,
                 boolean omitAlgorithm, Frame plain) {
        this.channel = channel;
        this.event = event;
        this.payload = payload;
        this.seq = seq;
        this.conflationKey = conflationKey;
        this.wire = wire;
        this.omitAlgorithm = omitAlgorithm;
        this.plain = plain;
    }

    /** The payload framed as is, with no sequence: what a socket without delta compression gets. */
    Frame plainFrame() {
        return plain;
    }

    byte[] payload() {
        return payload;
    }

    long seq() {
        return seq;
    }

    String conflationKey() {
        return conflationKey;
    }

    /** The plain frame with {@code __delta_seq} (and {@code __conflation_key}) spliced in. */
    Frame fullFrame() {
        Frame f = full;
        if (f == null) {
            f = wire.frame(DeltaFrames.withSequence(payload, seq, conflationKey));
            full = f;
        }
        return f;
    }

    /**
     * The delta frame against a base, or null when the delta would not be smaller than the full
     * frame (base64 and wrapper included).
     */
    Frame deltaFrame(byte[] base, long baseSeq, String algorithm, DeltaStats stats) {
        Frame f = deltas.computeIfAbsent(new BaseKey(base, baseSeq, algorithm), k -> {
            stats.deltasComputed.increment();
            byte[] d = Encoders.forThread(algorithm).encode(base, payload);
            Frame frame = wire.frame(DeltaFrames.delta(channel, event, d, seq, omitAlgorithm ? null : algorithm, conflationKey, baseSeq));
            return frame.size() < fullFrame().size() ? frame : NOT_SMALLER;
        });
        return f == NOT_SMALLER ? null : f;
    }

    /** One encoder per algorithm per thread: encoders keep scratch tables that are reused across calls. */
    static final class Encoders {
        private static final ThreadLocal<DeltaEncoder> FOSSIL = ThreadLocal.withInitial(() -> DeltaCodec.fossil().newEncoder());
        private static final ThreadLocal<DeltaEncoder> VCDIFF = ThreadLocal.withInitial(() -> DeltaCodec.vcdiff().newEncoder());

        private Encoders() {
        }

        static DeltaEncoder forThread(String algorithm) {
            return "xdelta3".equals(algorithm) ? VCDIFF.get() : FOSSIL.get();
        }
    }
}
