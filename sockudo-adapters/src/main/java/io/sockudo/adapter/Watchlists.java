package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.cluster.NodeCount;
import io.sockudo.adapter.connection.Frame;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.protocol.ServerFrames.WatchlistEvent;
import io.sockudo.protocol.UserData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pusher watchlists: a signed-in user names up to {@link #MAX_WATCHLIST} other users and hears
 * {@code online}/{@code offline} through {@code pusher_internal:watchlist_events} as they come and go.
 *
 * <p>Online means "has at least one signed-in connection" anywhere in the cluster. The watcher
 * gets the current state of its list when it signs in, then a change each time a watched user's
 * first connection in the cluster opens or its last closes. Each node derives these changes for
 * its own watchers from its own connections and the other nodes' announced counts
 * ({@link ClusterFlags}): a user signing in on two nodes at once is online once, and one who
 * closes a tab on one node while another stays open elsewhere never goes offline.
 */
final class Watchlists {

    static final int MAX_WATCHLIST = 100;
    private static final Session[] NONE = new Session[0];

    private final LocalAdapter adapter;
    /** Whether each signed-in user of an app with watchlists is online somewhere. */
    private final ClusterFlags online = new ClusterFlags();
    /** app id + watched user → the connections watching that user. */
    private final ConcurrentHashMap<String, Session[]> watchers = new ConcurrentHashMap<>();
    /** Each watching connection's list, to unregister it when it leaves. */
    private final ConcurrentHashMap<Session, List<String>> lists = new ConcurrentHashMap<>();

    Watchlists(LocalAdapter adapter) {
        this.adapter = adapter;
    }

    void signedIn(App app, AppState state, Session c, UserData user, boolean firstSession) {
        List<String> watched = user.watchlist();
        if (!watched.isEmpty()) {
            lists.put(c, watched);
            List<String> online = new ArrayList<>();
            List<String> offline = new ArrayList<>();
            for (String id : watched) {
                watchers.compute(key(app, id), (k, cs) -> append(cs, c));
                (isOnline(app, state, id) ? online : offline).add(id);
            }
            List<WatchlistEvent> events = new ArrayList<>(2);
            if (!online.isEmpty()) {
                events.add(new WatchlistEvent("online", online));
            }
            if (!offline.isEmpty()) {
                events.add(new WatchlistEvent("offline", offline));
            }
            c.send(adapter.frame(ServerFrames.watchlistEvents(events)));
        }
        if (firstSession) {
            here(app, user.id(), true);
        }
    }

    void signedOut(App app, AppState state, Session c, String userId, boolean lastSession) {
        List<String> watched = lists.remove(c);
        if (watched != null) {
            for (String id : watched) {
                watchers.computeIfPresent(key(app, id), (k, cs) -> without(cs, c));
            }
        }
        if (lastSession) {
            here(app, userId, false);
        }
    }

    /** Another node's connections of the user changed in number. */
    void othersChanged(App app, String userId) {
        online.elsewhere(key(app, userId), () -> elsewhere(app, userId), up -> notifyWatchers(app, userId, up ? "online" : "offline"));
    }

    private void here(App app, String userId, boolean connected) {
        online.here(key(app, userId), connected, () -> elsewhere(app, userId),
                up -> notifyWatchers(app, userId, up ? "online" : "offline"));
    }

    private boolean isOnline(App app, AppState state, String userId) {
        return state.isUserOnline(userId) || elsewhere(app, userId);
    }

    private boolean elsewhere(App app, String userId) {
        return adapter.othersCount(new NodeCount.Key(NodeCount.Kind.USER_CONNECTIONS, app.id(), userId)) > 0;
    }

    private void notifyWatchers(App app, String userId, String change) {
        Session[] cs = watchers.getOrDefault(key(app, userId), NONE);
        if (cs.length == 0) {
            return;
        }
        Frame f = adapter.frame(ServerFrames.watchlistEvents(List.of(new WatchlistEvent(change, List.of(userId)))));
        for (Session w : cs) {
            w.shard().execute(() -> w.send(f));
        }
    }

    private static String key(App app, String userId) {
        return app.id() + '\u0000' + userId;
    }

    private static Session[] append(Session[] cs, Session c) {
        if (cs == null) {
            return new Session[] {c};
        }
        Session[] grown = Arrays.copyOf(cs, cs.length + 1);
        grown[cs.length] = c;
        return grown;
    }

    private static Session[] without(Session[] cs, Session c) {
        int i = Arrays.asList(cs).indexOf(c);
        if (i < 0) {
            return cs;
        }
        if (cs.length == 1) {
            return null;
        }
        Session[] shrunk = new Session[cs.length - 1];
        System.arraycopy(cs, 0, shrunk, 0, i);
        System.arraycopy(cs, i + 1, shrunk, i, cs.length - i - 1);
        return shrunk;
    }
}
