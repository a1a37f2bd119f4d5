package io.sockudo.adapter.delta;

import java.time.Duration;

/**
 * Server-wide delta compression settings ({@code delta_compression.*}).
 *
 * @param enabled                       whether any socket may use delta compression
 * @param algorithm                     the server's preferred algorithm, {@code fossil} or {@code xdelta3}
 * @param fullMessageInterval           after this many consecutive deltas in a chain, the next message is sent
 *                                      in full (0: always full)
 * @param minMessageSize                messages smaller than this (bytes) are sent plain and leave chains untouched
 * @param maxStateAge                   a chain unused this long is forgotten (its memory freed by the activity
 *                                      sweep); its next message is full
 * @param maxChannelStatesPerSocket     channels per socket that keep delta state; further channels get plain frames
 * @param maxConflationStatesPerChannel conflation chains per subscription; beyond, the least recently used is dropped
 * @param conflationKeyPath             dotted path into event data whose value keys chains; null for one chain per channel
 * @param omitDeltaAlgorithm            leave {@code algorithm} out of delta frames (clients then use the negotiated one)
 */
public record DeltaSettings(boolean enabled, String algorithm, int fullMessageInterval, int minMessageSize,
                            Duration maxStateAge, int maxChannelStatesPerSocket, int maxConflationStatesPerChannel,
                            String conflationKeyPath, boolean omitDeltaAlgorithm) {

    public static DeltaSettings defaults() {
        return new DeltaSettings(true, "fossil", 10, 100, Duration.ofSeconds(300), 100, 100, null, false);
    }

    public DeltaSettings withConflationKeyPath(String path) {
        return new DeltaSettings(enabled, algorithm, fullMessageInterval, minMessageSize, maxStateAge,
                maxChannelStatesPerSocket, maxConflationStatesPerChannel, path, omitDeltaAlgorithm);
    }

    public DeltaSettings withFullMessageInterval(int n) {
        return new DeltaSettings(enabled, algorithm, n, minMessageSize, maxStateAge,
                maxChannelStatesPerSocket, maxConflationStatesPerChannel, conflationKeyPath, omitDeltaAlgorithm);
    }

    public DeltaSettings withMinMessageSize(int n) {
        return new DeltaSettings(enabled, algorithm, fullMessageInterval, n, maxStateAge,
                maxChannelStatesPerSocket, maxConflationStatesPerChannel, conflationKeyPath, omitDeltaAlgorithm);
    }

    public DeltaSettings withEnabled(boolean on) {
        return new DeltaSettings(on, algorithm, fullMessageInterval, minMessageSize, maxStateAge,
                maxChannelStatesPerSocket, maxConflationStatesPerChannel, conflationKeyPath, omitDeltaAlgorithm);
    }

    public DeltaSettings withAlgorithm(String name) {
        return new DeltaSettings(enabled, name, fullMessageInterval, minMessageSize, maxStateAge,
                maxChannelStatesPerSocket, maxConflationStatesPerChannel, conflationKeyPath, omitDeltaAlgorithm);
    }

    public DeltaSettings withOmitDeltaAlgorithm(boolean omit) {
        return new DeltaSettings(enabled, algorithm, fullMessageInterval, minMessageSize, maxStateAge,
                maxChannelStatesPerSocket, maxConflationStatesPerChannel, conflationKeyPath, omit);
    }

    public DeltaSettings withLimits(Duration maxAge, int channelsPerSocket, int chainsPerChannel) {
        return new DeltaSettings(enabled, algorithm, fullMessageInterval, minMessageSize, maxAge,
                channelsPerSocket, chainsPerChannel, conflationKeyPath, omitDeltaAlgorithm);
    }
}
