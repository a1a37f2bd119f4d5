package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ProtocolException;
import io.sockudo.protocol.PusherError;
import io.sockudo.protocol.ServerFrames;

/**
 * Presence channels: who a subscriber is ({@code channel_data} and its limits), joining and
 * leaving the channel's roster, and announcing members as they come and go — to the channel's
 * subscribers as {@code member_added}/{@code member_removed}, to the cluster, and to webhooks.
 */
final class Presence {

    private final EngineContext ctx;

    Presence(EngineContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The member a presence subscription joins as, checked against the user id and user info limits.
     *
     * @throws Refusal when channel_data is unusable or over a limit
     */
    PresenceMember member(App app, String channelData) {
        PresenceMember member;
        try {
            member = PresenceMember.parse(channelData);
        } catch (ProtocolException e) {
            throw new Refusal(Refusal.Kind.INVALID_CHANNEL_DATA, e.error());
        }
        int maxId = ctx.options().maxUserIdLength();
        if (member.userId().length() > maxId) {
            throw new Refusal(Refusal.Kind.INVALID_CHANNEL_DATA, PusherError.channelError(
                    "Presence user_id is " + member.userId().length() + " characters, the limit is " + maxId));
        }
        int limit = app.maxPresenceMemberSizeBytes();
        if (limit > 0 && member.userInfoSize() > limit) {
            throw new Refusal(Refusal.Kind.MEMBER_TOO_LARGE, PusherError.channelError(
                    "Presence member user_info is " + member.userInfoSize() + " bytes, the limit is " + limit));
        }
        return member;
    }

    /**
     * Joins a subscription's member to the channel's roster. The subscription is attached to its
     * shard first: a join on another shard that follows ours in the roster must find this shard
     * non-empty, or its member_added would never reach us.
     *
     * @return the roster join, or null when the channel is full (the subscription is detached again)
     */
    PresenceRoster.Join join(Session c, App app, Subscription sub) {
        Channel channel = sub.channel();
        String name = channel.name();
        PresenceMember m = sub.member();
        channel.attach(c.shard().index(), sub);
        // member events go to this node's subscribers only: every node derives its own from its
        // view of the cluster's members, and the roster version they carry is this node's
        PresenceRoster.Join join = channel.roster().join(m, app.maxPresenceMembersPerChannel(), version -> {
            ctx.local().broadcast(app.id(), Publication.protocol(name, ServerFrames.memberAdded(name, m), c.socketId(), version));
            ctx.lifecycle().memberAdded(app, name, m.userId(), m.userIdJson());
        }, () -> ctx.adapter().presenceMemberJoined(app.id(), name, m));
        if (join == null) {
            channel.detach(c.shard().index(), sub);
            return null;
        }
        sub.presenceVersion(join.version());
        return join;
    }

    /** The channel is full: what the refused subscriber is told. */
    static Refusal full(App app, String channel) {
        return new Refusal(Refusal.Kind.MEMBER_LIMIT, new PusherError(PusherError.OVER_CAPACITY,
                "Presence channel " + channel + " is full: " + app.maxPresenceMembersPerChannel() + " members"));
    }

    /**
     * Takes a subscription's member out of the roster: told to the cluster when it was the user's
     * last socket here, and to subscribers when it was the user's last socket anywhere.
     */
    void leave(App app, Subscription s) {
        PresenceMember member = s.member();
        Channel channel = s.channel();
        String name = channel.name();
        channel.roster().leave(member.userId(), version -> {
            ctx.local().broadcast(app.id(), Publication.protocol(name, ServerFrames.memberRemoved(name, member.userIdJson()), null, version));
            ctx.lifecycle().memberRemoved(app, name, member.userId(), member.userIdJson());
        }, () -> ctx.adapter().presenceMemberLeft(app.id(), name, member.userId()));
    }
}
