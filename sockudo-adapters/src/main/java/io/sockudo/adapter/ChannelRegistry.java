package io.sockudo.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The channels of one app that have local subscribers. Joining and leaving go through the map's
 * per-key lock only to keep the subscription count and the channel's existence consistent; the
 * broadcast path reads the map without locking.
 */
final class ChannelRegistry {

    private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();
    private final int shardCount;
    private final String appId;
    private final RemoteMembers remote;

    ChannelRegistry(int shardCount) {
        this(shardCount, "", new RemoteMembers());
    }

    /** The channels of {@code appId}, whose presence rosters start with the members other nodes have. */
    ChannelRegistry(int shardCount, String appId, RemoteMembers remote) {
        this.shardCount = shardCount;
        this.appId = appId;
        this.remote = remote;
    }

    /** The outcome of counting a subscription in: the channel, and whether it was empty before. */
    record Joined(Channel channel, boolean occupied) {
    }

    /** Counts one more subscription, creating the channel if needed. */
    Joined join(String name) {
        return join(name, null);
    }

    /**
     * Counts one more subscription, creating the channel if needed.
     *
     * @param onOccupied run when the channel was empty, inside the channel's map lock so that it
     *                   is ordered with the matching {@code onVacated}; it must only record or post work
     */
    Joined join(String name, Runnable onOccupied) {
        boolean[] first = new boolean[1];
        Channel c = channels.compute(name, (k, existing) -> {
            Channel ch = existing == null ? create(k) : existing;
            if (ch.subscriptions++ == 0) {
                first[0] = true;
                if (onOccupied != null) {
                    onOccupied.run();
                }
            }
            return ch;
        });
        return new Joined(c, first[0]);
    }

    /**
     * Counts one subscription out; the channel disappears with its last subscription.
     *
     * @return true when the channel became empty
     */
    boolean leave(Channel channel) {
        return leave(channel, null);
    }

    /**
     * Counts one subscription out; the channel disappears with its last subscription.
     *
     * @param onVacated run when the channel became empty, inside the channel's map lock (see {@link #join(String, Runnable)})
     * @return true when the channel became empty
     */
    boolean leave(Channel channel, Runnable onVacated) {
        boolean[] vacated = new boolean[1];
        channels.computeIfPresent(channel.name(), (k, ch) -> {
            if (ch != channel) {
                return ch;
            }
            if (--ch.subscriptions <= 0) {
                vacated[0] = true;
                if (onVacated != null) {
                    onVacated.run();
                }
                return null;
            }
            return ch;
        });
        return vacated[0];
    }

    private Channel create(String name) {
        Channel c = new Channel(name, shardCount);
        if (c.roster() != null) {
            remote.seed(appId, c);
        }
        return c;
    }

    /**
     * Runs {@code action} with the channel, or with null when it has no local subscriber, inside
     * the map lock its creation and removal take: a change to the other nodes' members made this
     * way, with its roster's or its absence's consequences, is either wholly before a channel's
     * creation (which seeds its roster from those members) or wholly after it, never between.
     */
    void underLock(String name, Consumer<Channel> action) {
        channels.compute(name, (k, ch) -> {
            action.accept(ch);
            return ch;
        });
    }

    Channel get(String name) {
        return channels.get(name);
    }

    /** Occupied channels, optionally only those starting with a prefix. */
    List<Channel> list(String prefix) {
        List<Channel> out = new ArrayList<>();
        for (Channel c : channels.values()) {
            if (prefix == null || c.name().startsWith(prefix)) {
                out.add(c);
            }
        }
        return out;
    }

    int size() {
        return channels.size();
    }
}
