package io.sockudo.adapter;

import io.sockudo.adapter.cluster.Answer;
import io.sockudo.adapter.cluster.Backbone;
import io.sockudo.adapter.cluster.PresenceJoined;
import io.sockudo.adapter.cluster.Query;
import io.sockudo.adapter.cluster.RequestType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings the replicated presence registry back in step after a backbone outage, during which
 * joins and leaves were lost in both directions. Each node's messages reach every other in the
 * order they were sent, so a repetition can be framed: the node marks what it holds of a peer,
 * the peer repeats its members, and whatever is still marked when the peer says it is done was
 * left during the outage and is forgotten (with {@code member_removed} where it was the last).
 *
 * <ol>
 *   <li>A node whose backbone comes back marks what it holds of every peer and asks them all
 *       ({@link RequestType#PRESENCE_RESYNC}); once all have answered, it repeats its own members
 *       to everyone and says so ({@link RequestType#PRESENCE_RESYNC_DONE}).</li>
 *   <li>A peer asked repeats its members to the asking node before answering, and marks what it
 *       holds of the asking node; the asking node's {@code DONE} then sweeps that.</li>
 *   <li>When a peer's answer arrives, everything it repeated arrived before it: the asking node
 *       sweeps what is still marked of that peer.</li>
 * </ol>
 *
 * <p>The two repetitions are framed separately (a node may be asking and asked at once, and
 * either's messages may arrive in the middle of the other's): what this node marked when it
 * asked is swept by the peer's answer, what it marked when the peer asked is swept by the
 * peer's {@code DONE}. Each frame is a run of the peer's own messages, in order.
 *
 * <p>Confined to the backbone's event thread, like everything the inbox does.
 */
final class PresenceResync {

    /** Rounds of asking before a peer that never answers is left to its heartbeats. */
    private static final int MAX_ROUNDS = 10;

    private final LocalAdapter local;
    private final Backbone backbone;
    /** Per peer, what it has not repeated since this node asked it to; swept by its answer. */
    private final Map<String, Set<RemoteMembers.Held>> awaitingAnswer = new HashMap<>();
    /** Per peer, what it has not repeated since it said it would; swept by its {@code DONE}. */
    private final Map<String, Set<RemoteMembers.Held>> awaitingDone = new HashMap<>();

    PresenceResync(LocalAdapter local, Backbone backbone) {
        this.local = local;
        this.backbone = backbone;
    }

    /** This node's backbone is (back) up. */
    void begin() {
        ask(backbone.peers(), 1);
    }

    /**
     * Asks the peers that have not answered yet. Just after an outage a node may receive before
     * it can send again, so a round that some peer did not answer is asked again (the request
     * timeout spaces the rounds). This node repeats its own members only once every peer has
     * answered: its messages then get through.
     */
    private void ask(Set<String> peers, int round) {
        for (String peer : peers) {
            awaitingAnswer.put(peer, held(peer));
        }
        backbone.request(Query.app(RequestType.PRESENCE_RESYNC, "")).thenAccept(all -> {
            for (String peer : all.answers().keySet()) {
                sweep(peer, awaitingAnswer);
            }
            Set<String> missing = all.missing();
            if (!missing.isEmpty() && backbone.connected() && round < MAX_ROUNDS) {
                ask(missing, round + 1);
                return;
            }
            missing.forEach(awaitingAnswer::remove); // kept as they are: their heartbeats decide
            local.clusterRosters().forEachLocalMember(m -> backbone.publish(joined(m)));
            backbone.request(Query.app(RequestType.PRESENCE_RESYNC_DONE, ""));
        });
    }

    /** A peer asks for this node's members: repeated to it alone, ahead of the answer. */
    Answer asked(String from) {
        local.clusterRosters().forEachLocalMember(m -> backbone.send(from, joined(m)));
        awaitingDone.put(from, held(from));
        return Answer.empty("");
    }

    /** A peer has repeated all its members. */
    Answer done(String from) {
        sweep(from, awaitingDone);
        return Answer.empty("");
    }

    /** A peer told of a member (repeated or new): it is not to be swept. */
    void confirmed(String from, String appId, String channel, String userId) {
        RemoteMembers.Held member = new RemoteMembers.Held(appId, channel, userId);
        for (Map<String, Set<RemoteMembers.Held>> marks : List.of(awaitingAnswer, awaitingDone)) {
            Set<RemoteMembers.Held> marked = marks.get(from);
            if (marked != null) {
                marked.remove(member);
            }
        }
    }

    /** A peer is gone: nothing of it is waiting any more. */
    void forget(String peer) {
        awaitingAnswer.remove(peer);
        awaitingDone.remove(peer);
    }

    private Set<RemoteMembers.Held> held(String peer) {
        return new HashSet<>(local.clusterRosters().heldBy(peer));
    }

    private void sweep(String peer, Map<String, Set<RemoteMembers.Held>> marks) {
        Set<RemoteMembers.Held> stale = marks.remove(peer);
        if (stale != null) {
            stale.forEach(h -> local.clusterRosters().left(peer, h.appId(), h.channel(), h.userId()));
        }
    }

    private PresenceJoined joined(ClusterRosters.NodeMember m) {
        return new PresenceJoined(m.appId(), m.channel(), backbone.nodeId(), m.member().userId(), m.member().userInfo());
    }
}
