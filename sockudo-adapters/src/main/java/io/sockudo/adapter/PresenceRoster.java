package io.sockudo.adapter;

import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ServerFrames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of one presence channel on this node, counted per user: a user with three tabs is
 * one member, added with the first socket and removed with the last.
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
        int sockets;

        Entry(PresenceMember member) {
            this.member = member;
        }
    }

    /** The result of a join: whether it added a new user, the version, and the member list. */
    record Join(boolean newMember, long version, List<ServerFrames.Member> members) {
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
    synchronized Join join(PresenceMember member, int maxMembers, Announcer announcer) {
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
        e.sockets++;
        return new Join(added, version, snapshot());
    }

    /**
     * Removes a socket of a user.
     *
     * @param announcer told when it was the user's last socket here
     * @return whether the user left the channel
     */
    synchronized boolean leave(String userId, Announcer announcer) {
        Entry e = members.get(userId);
        if (e == null || --e.sockets > 0) {
            return false;
        }
        members.remove(userId);
        announcer.announce(++version);
        return true;
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
