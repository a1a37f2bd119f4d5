package io.sockudo.adapter.delta;

/**
 * What a published event carries for delta compression before it reaches a node's subscribers:
 * the event's data and where its conflation key is found, and how delta frames are written. Each
 * node numbers the message in its own channel sequence and computes deltas for its own sockets;
 * a node without subscribers of the channel does none of it.
 *
 * @param data              the event's data, where the conflation key is looked up
 * @param conflationKeyPath the channel's conflation key path, or null
 * @param omitAlgorithm     whether delta frames leave out {@code algorithm} ({@code omit_delta_algorithm})
 */
public record DeltaSource(String data, String conflationKeyPath, boolean omitAlgorithm) {
}
