package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.cluster.NodeCount;
import io.sockudo.protocol.ChannelAuth;
import io.sockudo.protocol.ChannelKind;
import io.sockudo.protocol.ProtocolException;
import io.sockudo.protocol.PusherError;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.protocol.SigninRequest;
import io.sockudo.protocol.UserData;

/**
 * User authentication ({@code pusher:signin}): the signature over the user data, binding the
 * connection to its user, watchlists, and signing out when the connection ends or signs in as
 * someone else. Also how a user's connections end when the HTTP API terminates them.
 */
final class UserSessions {

    private final EngineContext ctx;
    private final Connections connections;
    private final Subscriptions subscriptions;
    private final Watchlists watchlists;

    UserSessions(EngineContext ctx, Connections connections, Subscriptions subscriptions) {
        this.ctx = ctx;
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.watchlists = new Watchlists(ctx.local());
    }

    void signin(Session c, SigninRequest req) {
        App app = c.app();
        String error = ChannelAuth.verifyUser(app.key(), app.secret(), c.socketId().toString(), req.userData(), req.auth());
        if (error != null) {
            connections.fail(c, PusherError.unauthorized("Connection not authorized: " + error));
            return;
        }
        UserData user;
        try {
            user = UserData.parse(req.userData());
        } catch (ProtocolException e) {
            connections.fail(c, e.error());
            return;
        }
        if (user.watchlist().size() > Watchlists.MAX_WATCHLIST) {
            ctx.send(c, ServerFrames.error(new PusherError(PusherError.WATCHLIST_LIMIT,
                    "A watchlist may hold " + Watchlists.MAX_WATCHLIST + " user ids, this one has " + user.watchlist().size())));
            return;
        }
        if (c.userId() != null) {
            if (c.userId().equals(user.id())) {
                ctx.send(c, ServerFrames.signinSuccess(req.userData()));
                return;
            }
            // the previous user's private channel must not keep delivering to the new user
            subscriptions.unsubscribe(c, ChannelKind.SERVER_TO_USER_PREFIX + c.userId());
            signOut(c);
        }
        c.signIn(user.id());
        AppState state = ctx.local().state(app.id());
        boolean firstConnection = state.addUserConnection(user.id(), c);
        if (app.enableWatchlistEvents()) {
            ctx.adapter().countChanged(userKey(app, user.id()));
        }
        ctx.send(c, ServerFrames.signinSuccess(req.userData()));
        if (app.enableWatchlistEvents()) {
            watchlists.signedIn(app, state, c, user, firstConnection);
        }
    }

    /** The connection no longer speaks for its user (it closed, or signed in as another). */
    void signOut(Session c) {
        App app = c.app();
        AppState state = ctx.local().state(app.id());
        String userId = c.userId();
        boolean last = state.removeUserConnection(userId, c);
        if (app.enableWatchlistEvents()) {
            watchlists.signedOut(app, state, c, userId, last);
            ctx.adapter().countChanged(userKey(app, userId));
        }
    }

    /** Another node's connections of a user changed in number; for watchlists. */
    void othersChanged(App app, String userId) {
        watchlists.othersChanged(app, userId);
    }

    private static NodeCount.Key userKey(App app, String userId) {
        return new NodeCount.Key(NodeCount.Kind.USER_CONNECTIONS, app.id(), userId);
    }

    /** Ends one connection of a terminated user with 4009; on the connection's shard. */
    void terminate(Session c) {
        connections.fail(c, PusherError.unauthorized("You got disconnected by the app."));
    }
}
