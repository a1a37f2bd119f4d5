package io.sockudo.adapter;

import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ServerFrames;
import java.util.List;
import java.util.function.Consumer;

/**
 * This node's presence channels as they follow the other nodes' members: what the cluster
 * replicates to this node is recorded in {@link RemoteMembers} and applied to the rosters of the
 * channels this node has, so that member lists and counts stay local reads and each
 * cluster-wide change reaches this node's subscribers, and {@link MemberChanges}, once. Written
 * by the one thread that receives the cluster's presence messages.
 *
 * <p>Each change is applied under the lock its channel's creation and removal take, so a
 * channel created for its first local subscriber either seeds its roster with the change or
 * hears of it afterwards, never both or neither.
 */
final class ClusterRosters {

    /** A member one node has in a channel, as the cluster replicated it. */
    record NodeMember(String appId, String channel, PresenceMember member) {
    }

    private final LocalAdapter local;
    private final RemoteMembers remote;
    private volatile MemberChanges memberChanges = MemberChanges.NONE;

    ClusterRosters(LocalAdapter local, RemoteMembers remote) {
        this.local = local;
        this.remote = remote;
    }

    void memberChanges(MemberChanges m) {
        this.memberChanges = m;
    }

    /**
     * Another node has {@code member} in a channel. This node's subscribers get
     * {@code member_added} when the user is new to the channel cluster-wide, and
     * {@link MemberChanges} is told. Idempotent.
     */
    void joined(String nodeId, String appId, String channel, PresenceMember member) {
        local.state(appId).channels().underLock(channel, c -> {
            boolean newElsewhere = !remote.has(appId, channel, member.userId());
            remote.add(nodeId, appId, channel, member);
            if (c != null) {
                c.roster().remoteJoin(nodeId, member, version -> {
                    local.broadcast(appId, Publication.protocol(channel, ServerFrames.memberAdded(channel, member), null, version));
                    memberChanges.changed(appId, channel, member, true);
                });
            } else if (newElsewhere) {
                memberChanges.changed(appId, channel, member, true); // no socket here: the other nodes' members are all
            }
        });
    }

    /**
     * Another node no longer has the user in a channel. This node's subscribers get
     * {@code member_removed} when that was the user's last socket cluster-wide. Idempotent.
     */
    void left(String nodeId, String appId, String channel, String userId) {
        local.state(appId).channels().underLock(channel, c -> {
            PresenceMember member = remote.remove(nodeId, appId, channel, userId);
            if (member == null) {
                return;
            }
            if (c != null) {
                c.roster().remoteLeave(nodeId, member.userId(), v -> {
                    local.broadcast(appId, Publication.protocol(channel, ServerFrames.memberRemoved(channel, member.userIdJson()), null, v));
                    memberChanges.changed(appId, channel, member, false);
                });
            } else if (!remote.has(appId, channel, member.userId())) {
                memberChanges.changed(appId, channel, member, false);
            }
        });
    }

    /** The members a node has, as this node knows them. */
    List<RemoteMembers.Held> heldBy(String nodeId) {
        return remote.heldBy(nodeId);
    }

    /** Forgets every member a node had (it left the cluster). */
    void nodeGone(String nodeId) {
        // one member at a time, each under its channel's lock as a single leave is
        for (RemoteMembers.Held h : remote.heldBy(nodeId)) {
            left(nodeId, h.appId(), h.channel(), h.userId());
        }
    }

    /**
     * Hands each member with a socket on this node, in every presence channel of every app, to
     * {@code action}, inside its roster's monitor (see {@link PresenceRoster#forEachLocal}).
     */
    void forEachLocalMember(Consumer<NodeMember> action) {
        for (AppState s : local.states()) {
            for (Channel c : s.channels().list(null)) {
                if (c.roster() != null) {
                    c.roster().forEachLocal(m -> action.accept(new NodeMember(s.appId(), c.name(), m)));
                }
            }
        }
    }
}
