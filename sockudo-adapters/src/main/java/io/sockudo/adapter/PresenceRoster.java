package io.sockudo.adapter;

import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ServerFrames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The members of one presence channel as this node sees the cluster, counted per user: a user
 * with three tabs is one member, added with the first socket and removed with the last. A user is
 * a member while it has a socket here or on any other node ({@link #remoteJoin}); member events
 * follow this view, so each node tells its own subscribers of every cluster-wide change once.
 *
 * <p>Joins and leaves of a channel may come from any shard, so the roster is guarded by its own
 * monitor. The critical sections only update a small map and never do I/O. Every change bumps a
 * version so that a joiner's member list and the member events broadcast around it can be
 * reconciled exactly (see {@code Subscription#presenceVersion}).
 */
final class PresenceRoster {

    private final Map<String, Entry> members = new LinkedHashMap<>();
    private long version;

    private static final class Entry {
        final PresenceMember member;
        /** This node's sockets of the user in the channel. */
        int sockets;
        /** Other nodes where the user has a socket in the channel; null while none. */
        Set<String> nodes;

        Entry(PresenceMember member) {
            this.member = member;
        }

        boolean isGone() {
            return sockets == 0 && (nodes == null || nodes.isEmpty());
        }
    }

    /**
     * The result of a join.
     *
     * @param newMember whether it added a user to the channel (cluster-wide, as far as this node knows)
     * @param firstHere whether it is the user's first socket in the channel on this node
     */
    record Join(boolean newMember, boolean firstHere, long version, List<ServerFrames.Member> members) {
    }

    /** What a refused join reports. */
    enum Refusal { MEMBER_LIMIT }

    /**
     * Announces a membership change. Runs inside the roster's monitor so that the announcements
     * of one channel are posted in the order the changes happened; it must only post tasks.
     */
    @FunctionalInterface
    interface Announcer {
        void announce(long version);
    }

    /**
     * Adds a socket of a user.
     *
     * @param maxMembers distinct users allowed, 0 for no limit
     * @param announcer  told when the user is new to the channel
     * @return the join, or null when refused because the channel is full
     */
    Join join(PresenceMember member, int maxMembers, Announcer announcer) {
        return join(member, maxMembers, announcer, null);
    }

    /**
     * Adds a socket of a user.
     *
     * @param firstHere run, inside the monitor, when it is the user's first socket on this node:
     *                  the cluster is told in the same order as the changes happened
     * @return the join, or null when refused because the channel is full
     */
    synchronized Join join(PresenceMember member, int maxMembers, Announcer announcer, Runnable firstHere) {
        Entry e = members.get(member.userId());
        boolean added = false;
        if (e == null) {
            if (maxMembers > 0 && members.size() >= maxMembers) {
                return null;
            }
            e = new Entry(member);
            members.put(member.userId(), e);
            added = true;
            announcer.announce(++version);
        }
        boolean first = e.sockets++ == 0;
        if (first && firstHere != null) {
            firstHere.run();
        }
        return new Join(added, first, version, snapshot());
    }

    /**
     * Removes a socket of a user.
     *
     * @param announcer told when the user has left the channel everywhere
     * @return whether it was the user's last socket in the channel on this node
     */
    boolean leave(String userId, Announcer announcer) {
        return leave(userId, announcer, null);
    }

    /**
     * Removes a socket of a user.
     *
     * @param lastHere run, inside the monitor, when it was the user's last socket on this node
     * @return whether it was the user's last socket in the channel on this node
     */
    synchronized boolean leave(String userId, Announcer announcer, Runnable lastHere) {
        Entry e = members.get(userId);
        if (e == null || e.sockets == 0 || --e.sockets > 0) {
            return false;
        }
        if (lastHere != null) {
            lastHere.run();
        }
        if (e.isGone()) {
            members.remove(userId);
            announcer.announce(++version);
        }
        return true;
    }

    /**
     * Another node has the user in the channel. Idempotent: a node already known changes nothing.
     *
     * @param announcer told when the user is new to the channel
     */
    synchronized void remoteJoin(String nodeId, PresenceMember member, Announcer announcer) {
        Entry e = members.get(member.userId());
        boolean added = false;
        if (e == null) {
            e = new Entry(member);
            members.put(member.userId(), e);
            added = true;
        }
        if (e.nodes == null) {
            e.nodes = new HashSet<>(2);
        }
        e.nodes.add(nodeId);
        if (added) {
            announcer.announce(++version);
        }
    }

    /**
     * Another node no longer has the user in the channel. Idempotent.
     *
     * @param announcer told when the user has left the channel everywhere
     */
    synchronized void remoteLeave(String nodeId, String userId, Announcer announcer) {
        Entry e = members.get(userId);
        if (e == null || e.nodes == null || !e.nodes.remove(nodeId)) {
            return;
        }
        if (e.isGone()) {
            members.remove(userId);
            announcer.announce(++version);
        }
    }

    /**
     * Hands each member with a socket on this node to {@code action}, inside the monitor, so that
     * telling other nodes again is ordered with the joins and leaves told as they happen.
     */
    synchronized void forEachLocal(Consumer<PresenceMember> action) {
        for (Entry e : members.values()) {
            if (e.sockets > 0) {
                action.accept(e.member);
            }
        }
    }

    synchronized List<ServerFrames.Member> snapshot() {
        List<ServerFrames.Member> out = new ArrayList<>(members.size());
        for (Entry e : members.values()) {
            out.add(new ServerFrames.Member(e.member.userId(), e.member.userInfo()));
        }
        return out;
    }

    synchronized int userCount() {
        return members.size();
    }

    synchronized boolean contains(String userId) {
        return members.containsKey(userId);
    }
}
