package io.sockudo.adapter;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this node holds for one app at run time: its channels, its connection count and its
 * signed-in users. Created on the app's first connection or publish.
 */
final class AppState {

    private static final Session[] NO_SESSIONS = new Session[0];

    private final String appId;
    private final ChannelRegistry channels;
    private final AtomicInteger connections = new AtomicInteger();
    /** Signed-in users and their connections; copy-on-write arrays since sign-ins are rare next to reads. */
    private final ConcurrentHashMap<String, Session[]> users = new ConcurrentHashMap<>();
    /** What delivering this app's messages did, for metrics labelled by {@code app_id}. */
    private final DeltaStats deltaStats = new DeltaStats();
    private final BroadcastLatency latency = new BroadcastLatency();

    AppState(String appId, int shardCount) {
        this(appId, shardCount, new RemoteMembers());
    }

    AppState(String appId, int shardCount, RemoteMembers remote) {
        this.appId = appId;
        this.channels = new ChannelRegistry(shardCount, appId, remote);
    }

    String appId() {
        return appId;
    }

    ChannelRegistry channels() {
        return channels;
    }

    DeltaStats deltaStats() {
        return deltaStats;
    }

    BroadcastLatency latency() {
        return latency;
    }

    /** Counts a connection in, unless that would exceed {@code max} (0: no limit). */
    boolean admitConnection(int max) {
        if (max <= 0) {
            connections.incrementAndGet();
            return true;
        }
        while (true) {
            int n = connections.get();
            if (n >= max) {
                return false;
            }
            if (connections.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void releaseConnection() {
        connections.decrementAndGet();
    }

    int connectionCount() {
        return connections.get();
    }

    /** Records a signed-in connection; returns true when it is the user's first on this node. */
    boolean addUserConnection(String userId, Session c) {
        boolean[] first = new boolean[1];
        users.compute(userId, (k, cs) -> {
            if (cs == null) {
                first[0] = true;
                return new Session[] {c};
            }
            Session[] grown = Arrays.copyOf(cs, cs.length + 1);
            grown[cs.length] = c;
            return grown;
        });
        return first[0];
    }

    /** Forgets a signed-in connection; returns true when it was the user's last on this node. */
    boolean removeUserConnection(String userId, Session c) {
        boolean[] last = new boolean[1];
        users.computeIfPresent(userId, (k, cs) -> {
            int i = Arrays.asList(cs).indexOf(c);
            if (i < 0) {
                return cs;
            }
            if (cs.length == 1) {
                last[0] = true;
                return null;
            }
            Session[] shrunk = new Session[cs.length - 1];
            System.arraycopy(cs, 0, shrunk, 0, i);
            System.arraycopy(cs, i + 1, shrunk, i, cs.length - i - 1);
            return shrunk;
        });
        return last[0];
    }

    List<Session> userConnections(String userId) {
        return Arrays.asList(users.getOrDefault(userId, NO_SESSIONS));
    }

    boolean isUserOnline(String userId) {
        return users.containsKey(userId);
    }
}
