package io.sockudo.adapter;

import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.delta.DeltaSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One subscription's delta chains: per conflation key, the plain frame this socket received
 * last (the base its client holds) and how many deltas followed the last full frame. Confined to
 * the connection's shard thread.
 *
 * <p>The key is the conflation value alone, not the event name: that is how the JS client keys
 * its bases, so events of different names interleaved on one channel never break decoding.
 *
 * <p>A delta socket must never cost more bytes than a plain one. A full frame costs its
 * {@code __delta_seq} suffix more than the plain frame, so a delta is only worth sending when it
 * saves at least that much: then every delta pays for the full frame that started its run. When
 * a delta does not pay, the chain falls back to <em>plain</em>: the message goes out as the very
 * frame plain sockets get (no sequence, so a conforming client keeps its base and decodes on),
 * and every {@value #PROBE_EVERY}th plain message the chain works out, without sending it, what a
 * delta against the previous message would have saved. Only when that saving would repay a full
 * frame twice over does the chain send the next message in full, with its sequence, and go back
 * to deltas. The probe's delta is shared by every subscriber in step, as any delta is.
 */
final class DeltaState {

    /** Plain messages between two looks at whether deltas would pay again. */
    static final int PROBE_EVERY = 8;

    private final String algorithm;
    private final DeltaSettings settings;
    /** The chain of the default key "", the only one on channels that do not conflate. */
    private Chain single;
    /** Chains of other keys, least recently used first. */
    private LinkedHashMap<String, Chain> keyed;

    static final class Chain {
        /** The last message of the chain: the client's base, or while plain the base of the next probe. */
        byte[] base;
        long baseSeq;
        int deltas;
        long lastUsedNanos;
        /** Whether the chain sends plain frames because its deltas stopped paying. */
        boolean plain;
        int plainSent;
    }

    DeltaState(String algorithm, DeltaSettings settings) {
        this.algorithm = algorithm;
        this.settings = settings;
    }

    String algorithm() {
        return algorithm;
    }

    /**
     * Chooses the frame this subscriber gets for a message, and advances its chain: a delta
     * against its base when one pays, the full frame with its sequence when the chain starts
     * (over), or the plain frame while deltas do not pay.
     */
    Frame next(DeltaMessage m, long nowNanos, DeltaStats stats) {
        Chain c = chain(m.conflationKey());
        Frame out = c.plain ? whilePlain(c, m, stats) : whileDelta(c, m, nowNanos, stats);
        if (out == m.fullFrame()) {
            c.deltas = 0;
            c.plain = false;
            stats.fullMessages.increment();
        } else if (out == m.plainFrame()) {
            c.plain = true;
            stats.plainMessages.increment();
        } else {
            c.deltas++;
            stats.deltaMessages.increment();
            stats.bytesSaved.add(m.plainFrame().size() - out.size());
            stats.originalBytes.add(m.plainFrame().size());
        }
        c.base = m.payload();
        c.baseSeq = m.seq();
        c.lastUsedNanos = nowNanos;
        return out;
    }

    private Frame whileDelta(Chain c, DeltaMessage m, long nowNanos, DeltaStats stats) {
        int interval = settings.fullMessageInterval();
        if (c.base == null || interval <= 0 || c.deltas >= interval
                || nowNanos - c.lastUsedNanos > settings.maxStateAge().toNanos()) {
            return m.fullFrame();
        }
        Frame delta = m.deltaFrame(c.base, c.baseSeq, algorithm, stats);
        if (saving(delta, m) >= suffix(m)) {
            return delta;
        }
        c.plainSent = 0;
        return m.plainFrame();
    }

    private Frame whilePlain(Chain c, DeltaMessage m, DeltaStats stats) {
        if (++c.plainSent % PROBE_EVERY != 0 || settings.fullMessageInterval() <= 0) {
            return m.plainFrame();
        }
        Frame probe = m.deltaFrame(c.base, c.baseSeq, algorithm, stats);
        return saving(probe, m) >= 2L * suffix(m) ? m.fullFrame() : m.plainFrame();
    }

    /** Bytes a delta saves over the plain frame; negative when there is none worth sending. */
    private static long saving(Frame delta, DeltaMessage m) {
        return delta == null ? -1 : (long) m.plainFrame().size() - delta.size();
    }

    /** What a full frame costs more than the plain one: its sequence (and conflation key) suffix. */
    private static long suffix(DeltaMessage m) {
        return Math.max(1, m.fullFrame().size() - m.plainFrame().size());
    }

    private Chain chain(String key) {
        if (key.isEmpty()) {
            if (single == null) {
                single = new Chain();
            }
            return single;
        }
        if (keyed == null) {
            keyed = new LinkedHashMap<>(16, 0.75f, true);
        }
        Chain c = keyed.get(key);
        if (c == null) {
            int max = settings.maxConflationStatesPerChannel();
            if (max > 0 && keyed.size() >= max) {
                Iterator<Chain> oldest = keyed.values().iterator();
                oldest.next();
                oldest.remove();
            }
            c = new Chain();
            keyed.put(key, c);
        }
        return c;
    }

    /** One chain's last message, to re-send in full after the client lost its bases. */
    record LastMessage(String conflationKey, byte[] payload) {
    }

    /**
     * The client could not decode: forget every chain of the channel and hand back the last
     * message of each, which the caller re-sends in full so the client loses nothing. A plain
     * chain's last message reached the client as is and is not sent again.
     */
    List<LastMessage> reset() {
        List<LastMessage> last = new ArrayList<>();
        if (single != null && single.base != null && !single.plain) {
            last.add(new LastMessage("", single.base));
        }
        if (keyed != null) {
            for (Map.Entry<String, Chain> e : keyed.entrySet()) {
                if (e.getValue().base != null && !e.getValue().plain) {
                    last.add(new LastMessage(e.getKey(), e.getValue().base));
                }
            }
        }
        single = null;
        keyed = null;
        return last;
    }

    /** Records that a message was re-sent in full with a fresh sequence: it is the chain's base again. */
    void restore(String key, byte[] payload, long seq, long nowNanos) {
        Chain c = chain(key);
        c.base = payload;
        c.baseSeq = seq;
        c.deltas = 0;
        c.plain = false;
        c.lastUsedNanos = nowNanos;
    }

    /** Drops chains unused for longer than the state age; returns whether any chain is left. */
    boolean expire(long nowNanos) {
        long maxAge = settings.maxStateAge().toNanos();
        if (single != null && nowNanos - single.lastUsedNanos > maxAge) {
            single = null;
        }
        if (keyed != null) {
            keyed.values().removeIf(c -> nowNanos - c.lastUsedNanos > maxAge);
            if (keyed.isEmpty()) {
                keyed = null;
            }
        }
        return single != null || keyed != null;
    }

    /** When the chain last moved, for least-recently-used eviction across a socket's channels. */
    long lastUsedNanos() {
        long t = single == null ? Long.MIN_VALUE : single.lastUsedNanos;
        if (keyed != null) {
            for (Chain c : keyed.values()) {
                t = Math.max(t, c.lastUsedNanos);
            }
        }
        return t;
    }

    int chainCount() {
        return (single == null ? 0 : 1) + (keyed == null ? 0 : keyed.size());
    }
}
