package io.sockudo.adapter;

import io.sockudo.protocol.PresenceMember;

/**
 * Told when another node's message adds a user to a presence channel of the cluster, or takes
 * the last one out (the node's own joins and leaves are told by {@link Presence}): every node
 * sees every cluster-wide member change, and the channel's speaking node sends its webhooks.
 * Runs on the backbone's thread, inside the channel's roster monitor when this node has one; it
 * must not block.
 */
@FunctionalInterface
interface MemberChanges {

    MemberChanges NONE = (appId, channel, member, joined) -> { };

    void changed(String appId, String channel, PresenceMember member, boolean joined);
}
