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
 * {@code __delta_seq} suffix more than the plain frame, and only deltas that follow it can pay
 * that back. So a chain starts <em>plain</em>: its messages go out as the very frames plain
 * sockets get (no sequence: a conforming client stores no base and delivers them as they are),
 * and the chain works out, without sending it, what a delta would have saved. Only when that
 * probe would save at least the full frame's suffix does the chain send a message in full, with its
 * sequence, and the deltas start with the next message. A chain's first message is probed
 * against the subscription's latest message of any chain (messages of one channel tend to look
 * alike); later probes against the chain's own previous message.
 *
 * <p>While in deltas, a delta is sent only when it saves at least the suffix, so every run of
 * deltas pays for the full frame that started it; a delta that does not pay sends the chain back
 * to plain, where it probes every {@value #PROBE_EVERY}th message. The probe's delta is shared by
 * every subscriber in step, as any delta is.
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
    /** The latest message of any chain: what a new chain's first message is probed against. */
    private byte[] latest;
    private long latestSeq;

    static final class Chain {
        /** The last message of the chain: the client's base, or while plain the base of the next probe. */
        byte[] base;
        long baseSeq;
        int deltas;
        long lastUsedNanos;
        /** Whether the chain sends plain frames: it has not started deltas yet, or they stopped paying. */
        boolean plain = true;
        /** Plain messages until the next probe; 1 probes the next message. */
        int untilProbe = 1;
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
     * against its base when one pays, the full frame with its sequence when a probe shows deltas
     * would pay (or every time, with a full message interval of 0), or the plain frame.
     */
    Frame next(DeltaMessage m, long nowNanos, DeltaStats stats) {
        Chain c = chain(m.conflationKey());
        if (!c.plain && nowNanos - c.lastUsedNanos > settings.maxStateAge().toNanos()) {
            c.plain = true;
            c.untilProbe = 1;
        }
        Frame out;
        if (settings.fullMessageInterval() <= 0) {
            out = m.fullFrame();
        } else {
            out = c.plain ? whilePlain(c, m, stats) : whileDelta(c, m, stats);
        }
        if (out == m.fullFrame()) {
            c.deltas = 0;
            c.plain = false;
            stats.fullMessages.increment();
        } else if (out == m.plainFrame()) {
            if (!c.plain) {
                c.plain = true;
                c.untilProbe = PROBE_EVERY;
            }
            stats.plainMessages.increment();
        } else {
            long saved = m.plainFrame().size() - out.size();
            c.deltas++;
            stats.deltaMessages.increment();
            stats.bytesSaved.add(saved);
            stats.originalBytes.add(m.plainFrame().size());
        }
        c.base = m.payload();
        c.baseSeq = m.seq();
        c.lastUsedNanos = nowNanos;
        latest = m.payload();
        latestSeq = m.seq();
        return out;
    }

    private Frame whileDelta(Chain c, DeltaMessage m, DeltaStats stats) {
        if (c.deltas >= settings.fullMessageInterval()) {
            return m.fullFrame();
        }
        Frame delta = m.deltaFrame(c.base, c.baseSeq, algorithm, stats);
        return saving(delta, m) >= suffix(m) ? delta : m.plainFrame();
    }

    private Frame whilePlain(Chain c, DeltaMessage m, DeltaStats stats) {
        if (--c.untilProbe > 0) {
            return m.plainFrame();
        }
        byte[] base = c.base != null ? c.base : latest;
        if (base == null) {
            c.untilProbe = 1;
            return m.plainFrame();
        }
        Frame probe = m.deltaFrame(base, c.base != null ? c.baseSeq : latestSeq, algorithm, stats);
        if (saving(probe, m) >= suffix(m)) {
            return m.fullFrame();
        }
        // a probe against another chain's message says little about this chain's own next delta
        c.untilProbe = c.base != null ? PROBE_EVERY : 1;
        return m.plainFrame();
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
        latest = payload;
        latestSeq = seq;
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
        boolean left = single != null || keyed != null;
        if (!left) {
            latest = null;
        }
        return left;
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
