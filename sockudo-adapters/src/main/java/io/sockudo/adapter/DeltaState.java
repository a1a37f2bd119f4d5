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
 */
final class DeltaState {

    private final String algorithm;
    private final DeltaSettings settings;
    /** The chain of the default key "", the only one on channels that do not conflate. */
    private Chain single;
    /** Chains of other keys, least recently used first. */
    private LinkedHashMap<String, Chain> keyed;

    static final class Chain {
        byte[] base;
        long baseSeq;
        int deltas;
        long lastUsedNanos;
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
     * against its base when one is worth sending, else the full frame with its sequence.
     */
    Frame next(DeltaMessage m, long nowNanos, DeltaStats stats) {
        Chain c = chain(m.conflationKey());
        Frame full = m.fullFrame();
        Frame out = full;
        int interval = settings.fullMessageInterval();
        if (c.base != null && interval > 0 && c.deltas < interval
                && nowNanos - c.lastUsedNanos <= settings.maxStateAge().toNanos()) {
            Frame delta = m.deltaFrame(c.base, c.baseSeq, algorithm, stats);
            if (delta != null) {
                out = delta;
            }
        }
        if (out == full) {
            c.deltas = 0;
            stats.fullMessages.increment();
        } else {
            c.deltas++;
            stats.deltaMessages.increment();
            stats.bytesSaved.add(full.size() - out.size());
        }
        c.base = m.payload();
        c.baseSeq = m.seq();
        c.lastUsedNanos = nowNanos;
        return out;
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
     * message of each, which the caller re-sends in full so the client loses nothing.
     */
    List<LastMessage> reset() {
        List<LastMessage> last = new ArrayList<>();
        if (single != null && single.base != null) {
            last.add(new LastMessage("", single.base));
        }
        if (keyed != null) {
            for (Map.Entry<String, Chain> e : keyed.entrySet()) {
                if (e.getValue().base != null) {
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
