package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.adapter.app.OriginPolicy;
import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.channel.Channel;
import io.sockudo.adapter.channel.ChannelRegistry;
import io.sockudo.adapter.channel.Subscription;
import io.sockudo.adapter.connection.Connection;
import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.Handshake;
import io.sockudo.adapter.connection.Outbound;
import io.sockudo.adapter.connection.Shard;
import io.sockudo.adapter.connection.ShardConnections;
import io.sockudo.adapter.delta.ChannelSettings;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.adapter.delta.DeltaState;
import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.adapter.hooks.WebhookSink;
import io.sockudo.adapter.presence.PresenceRoster;
import io.sockudo.protocol.ChannelAuth;
import io.sockudo.protocol.ChannelKind;
import io.sockudo.protocol.ChannelNames;
import io.sockudo.protocol.ClientMessage;
import io.sockudo.protocol.DeltaFrames;
import io.sockudo.protocol.DeltaRequest;
import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ProtocolException;
import io.sockudo.protocol.PusherError;
import io.sockudo.protocol.PusherEvents;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.protocol.SigninRequest;
import io.sockudo.protocol.SocketId;
import io.sockudo.protocol.SubscribeRequest;
import io.sockudo.protocol.UnsubscribeRequest;
import io.sockudo.protocol.UserData;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.protocol.filter.FilterException;
import io.sockudo.protocol.filter.TagFilter;
import io.sockudo.protocol.filter.Tags;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The Pusher protocol, one connection at a time: the handshake, every client event, the activity
 * clock and the clean-up when a connection ends. The transport calls it on the connection's own
 * I/O thread; it never blocks there.
 */
public final class ConnectionHandler {

    private static final System.Logger LOG = System.getLogger(ConnectionHandler.class.getName());

    /** Frames held while the app is looked up (only stores answering over the network take time). */
    private static final int MAX_PENDING_FRAMES = 32;

    private final LocalAdapter adapter;
    private final AppManager apps;
    private final EngineOptions options;
    private final WebhookSink webhooks;
    private final ChannelCache cache;
    private final ChannelLifecycle lifecycle;
    private final Watchlists watchlists;
    private final ShardConnections[] connections;
    /** Per shard, when idle delta chains were last freed; shard-confined. */
    private final long[] lastDeltaSweep;
    private final LongSupplier clock;
    private final EngineStats stats = new EngineStats();
    private final int activityTimeoutSeconds;
    private volatile boolean draining;

    public ConnectionHandler(LocalAdapter adapter, AppManager apps, EngineOptions options, WebhookSink webhooks,
                             ChannelCache cache, ScheduledExecutorService timer) {
        this(adapter, apps, options, webhooks, cache, timer, System::nanoTime);
    }

    ConnectionHandler(LocalAdapter adapter, AppManager apps, EngineOptions options, WebhookSink webhooks,
                      ChannelCache cache, ScheduledExecutorService timer, LongSupplier nanoClock) {
        this.adapter = adapter;
        this.apps = apps;
        this.options = options;
        this.webhooks = webhooks;
        this.cache = cache;
        this.lifecycle = new ChannelLifecycle(adapter, webhooks, timer, options);
        this.watchlists = new Watchlists(adapter);
        this.clock = nanoClock;
        this.activityTimeoutSeconds = (int) Math.max(1, options.activityTimeout().toSeconds());
        this.connections = new ShardConnections[adapter.shardCount()];
        this.lastDeltaSweep = new long[adapter.shardCount()];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = new ShardConnections();
        }
    }

    /** Starts the per-shard activity sweeps. */
    public void start() {
        long interval = sweepIntervalMillis();
        for (int i = 0; i < adapter.shardCount(); i++) {
            Shard shard = adapter.shard(i);
            scheduleSweep(shard, interval);
        }
    }

    private void scheduleSweep(Shard shard, long intervalMillis) {
        shard.schedule(() -> {
            if (!draining) {
                sweep(shard);
                scheduleSweep(shard, intervalMillis);
            }
        }, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private long sweepIntervalMillis() {
        long shortest = Math.min(options.activityTimeout().toMillis(),
                Math.min(options.pongTimeout().toMillis(), options.userAuthenticationTimeout().toMillis()));
        return Math.max(50, Math.min(1000, shortest / 4));
    }

    // ------------------------------------------------------------------ opening

    /**
     * A WebSocket was opened. Returns the connection the transport passes to every later call.
     * The app is looked up asynchronously; frames that arrive meanwhile are held and handled in
     * order once the connection is established.
     */
    public Connection open(Shard shard, Outbound out, Handshake handshake) {
        Connection c = new Connection(SocketId.random(), shard, out, clock.getAsLong());
        PusherError versionError = checkProtocol(handshake.protocol());
        if (versionError != null) {
            fail(c, versionError);
            return c;
        }
        if (draining) {
            fail(c, PusherError.serverShuttingDown());
            return c;
        }
        apps.findByKey(handshake.appKey()).whenComplete((app, error) -> {
            if (shard.inShard()) {
                establish(c, handshake, app, error);
            } else {
                shard.execute(() -> establish(c, handshake, app, error));
            }
        });
        return c;
    }

    /** Pusher clients send {@code protocol=7}; 4 to 7 are understood, others refused as Pusher does. */
    private static PusherError checkProtocol(String protocol) {
        if (protocol == null || protocol.isEmpty()) {
            return null;
        }
        int version;
        try {
            version = Integer.parseInt(protocol);
        } catch (NumberFormatException e) {
            return PusherError.invalidVersion(protocol);
        }
        return version < 4 || version > 7 ? PusherError.unsupportedProtocol(version) : null;
    }

    private void establish(Connection c, Handshake handshake, App app, Throwable error) {
        if (c.isClosed() || !c.outbound().isOpen()) {
            return;
        }
        if (error != null) {
            LOG.log(System.Logger.Level.WARNING, "app lookup failed for key " + handshake.appKey(), error);
            fail(c, new PusherError(PusherError.OVER_CAPACITY, "App lookup failed; try again"));
            return;
        }
        if (app == null) {
            fail(c, PusherError.appNotFound(handshake.appKey()));
            return;
        }
        if (!app.enabled()) {
            fail(c, PusherError.appDisabled());
            return;
        }
        if (!OriginPolicy.allows(app.allowedOrigins(), handshake.origin())) {
            fail(c, PusherError.originNotAllowed());
            return;
        }
        ShardConnections local = connections[c.shard().index()];
        if (options.maxConnections() > 0 && totalConnections() >= options.maxConnections()) {
            fail(c, PusherError.overCapacity());
            return;
        }
        AppState state = adapter.state(app.id());
        if (!state.admitConnection(app.maxConnections())) {
            fail(c, PusherError.overConnectionQuota());
            return;
        }
        c.open(app);
        local.add(c);
        stats.connectionsOpened.increment();
        c.send(frame(ServerFrames.connectionEstablished(c.socketId().toString(), activityTimeoutSeconds)));
        List<byte[]> pending = c.takePending();
        if (pending != null) {
            for (byte[] f : pending) {
                if (!c.isOpen()) {
                    break;
                }
                handle(c, f, 0, f.length);
            }
        }
    }

    private int totalConnections() {
        int n = 0;
        for (AppState s : adapter.states()) {
            n += s.connectionCount();
        }
        return n;
    }

    /** Sends a fatal error and closes with its code. */
    private void fail(Connection c, PusherError error) {
        Outbound out = c.outbound();
        if (out.isOpen()) {
            stats.connectionErrors.increment();
            out.send(frame(ServerFrames.error(error)));
            out.close(error.closeCode(), error.message());
        }
    }

    // ------------------------------------------------------------------ frames

    /** A text frame arrived. */
    public void onText(Connection c, byte[] buf, int off, int len) {
        c.touched(clock.getAsLong());
        if (c.isConnecting()) {
            hold(c, buf, off, len);
            return;
        }
        if (!c.isOpen()) {
            return;
        }
        handle(c, buf, off, len);
    }

    /** A WebSocket ping or pong arrived: the client is alive. */
    public void onActivity(Connection c) {
        c.touched(clock.getAsLong());
    }

    private void hold(Connection c, byte[] buf, int off, int len) {
        if (!c.holdPending(java.util.Arrays.copyOfRange(buf, off, off + len), MAX_PENDING_FRAMES)) {
            fail(c, PusherError.invalidMessage("too many frames before the connection was established"));
        }
    }

    private void handle(Connection c, byte[] buf, int off, int len) {
        try {
            ClientMessage m = ClientMessage.decode(buf, off, len);
            dispatch(c, m);
        } catch (ProtocolException e) {
            // malformed frames are answered and forgiven: the connection stays up
            stats.malformedFrames.increment();
            c.send(frame(ServerFrames.error(e.error())));
        } catch (RuntimeException e) {
            // A bug must cost this frame, never the connection or the I/O thread.
            LOG.log(System.Logger.Level.ERROR, "unexpected failure handling a frame of " + c, e);
            c.send(frame(ServerFrames.error(PusherError.invalidMessage("internal error"))));
        }
    }

    private void dispatch(Connection c, ClientMessage m) {
        String event = m.event();
        if (event.startsWith(PusherEvents.CLIENT_EVENT_PREFIX)) {
            clientEvent(c, m);
            return;
        }
        switch (event) {
            case PusherEvents.PING -> c.send(frame(ServerFrames.pong()));
            case PusherEvents.PONG -> { }
            case PusherEvents.SUBSCRIBE -> subscribe(c, SubscribeRequest.from(m));
            case PusherEvents.UNSUBSCRIBE -> unsubscribe(c, UnsubscribeRequest.from(m).channel());
            case PusherEvents.SIGNIN -> signin(c, SigninRequest.from(m));
            case PusherEvents.ENABLE_DELTA_COMPRESSION -> enableDelta(c, DeltaRequest.algorithmsOf(m));
            case PusherEvents.DELTA_SYNC_ERROR -> deltaSyncError(c, DeltaRequest.syncErrorChannel(m));
            default -> { }  // unknown events are ignored, as Pusher does
        }
    }

    // ------------------------------------------------------------------ subscribe

    private void subscribe(Connection c, SubscribeRequest req) {
        App app = c.app();
        String name = req.channel();
        String invalid = ChannelNames.validate(name, app.maxChannelNameLength());
        if (invalid != null) {
            refuse(c, name, Refusal.INVALID_CHANNEL, PusherError.channelError(invalid));
            return;
        }
        ChannelKind kind = ChannelKind.of(name);
        if (kind == ChannelKind.SERVER_TO_USER && !ChannelNames.serverToUserId(name).equals(c.userId())) {
            refuse(c, name, Refusal.AUTH, PusherError.unauthorized(
                    "#server-to-user channels are for the connection signed in as that user"));
            return;
        }
        if (kind.requiresAuth()) {
            String error = ChannelAuth.verifyChannel(app.key(), app.secret(), c.socketId().toString(), name,
                    kind.isPresence() ? req.channelData() : null, req.auth());
            if (error != null) {
                refuse(c, name, Refusal.AUTH, PusherError.unauthorized(error));
                return;
            }
        }
        PresenceMember member = null;
        if (kind.isPresence()) {
            try {
                member = PresenceMember.parse(req.channelData());
            } catch (ProtocolException e) {
                refuse(c, name, Refusal.INVALID_CHANNEL_DATA, e.error());
                return;
            }
            int limit = app.maxPresenceMemberSizeBytes();
            if (limit > 0 && member.userInfoSize() > limit) {
                refuse(c, name, Refusal.MEMBER_TOO_LARGE, PusherError.channelError(
                        "Presence member user_info is " + member.userInfoSize() + " bytes, the limit is " + limit));
                return;
            }
        }
        TagFilter filter = null;
        if (req.filter() != null) {
            if (!options.tagFiltering().enabled()) {
                refuse(c, name, Refusal.INVALID_FILTER, new PusherError(PusherError.INVALID_MESSAGE, "Tag filtering is disabled on this server"));
                return;
            }
            try {
                filter = TagFilter.parse(req.filter().json());
            } catch (FilterException e) {
                refuse(c, name, Refusal.INVALID_FILTER, new PusherError(PusherError.INVALID_MESSAGE, "Invalid tag filter (" + e.getMessage() + ")"));
                return;
            }
        }
        DeltaRequest deltaRequest;
        try {
            deltaRequest = req.delta() == null ? null : DeltaRequest.ofSubscription(req.delta());
        } catch (ProtocolException e) {
            refuse(c, name, Refusal.INVALID_DELTA, e.error());
            return;
        }
        Subscription existing = c.subscription(name);
        if (existing != null) {
            resendSucceeded(c, existing);
            return;
        }
        Subscription.DeltaMode deltaMode = deltaRequest == null ? Subscription.DeltaMode.DEFAULT
                : Boolean.FALSE.equals(deltaRequest.enabled()) ? Subscription.DeltaMode.OFF : Subscription.DeltaMode.ON;
        String deltaAlgorithm = deltaRequest == null ? null : deltaRequest.algorithm();
        AppState state = adapter.state(app.id());
        // occupancy is announced inside the registry's per-channel lock, so that announcements of
        // one channel follow its real history even when joins and leaves race on other shards
        ChannelRegistry.Joined joined = state.channels().join(name, () -> lifecycle.occupied(app, name));
        Channel channel = joined.channel();
        Subscription sub;
        if (member != null) {
            PresenceMember m = member;
            // attached before joining: a join on another shard that follows ours in the roster
            // must find this shard non-empty, or its member_added would never reach us
            sub = new Subscription(c, channel, member, Long.MAX_VALUE, filter, deltaMode, deltaAlgorithm);
            channel.attach(c.shard().index(), sub);
            PresenceRoster.Join join = channel.roster().join(member, app.maxPresenceMembersPerChannel(), version -> {
                adapter.deliver(channel, Publication.protocol(name, frame(ServerFrames.memberAdded(name, m)), c.socketId(), version));
                lifecycle.memberAdded(app, name, m.userId(), m.userIdJson());
            });
            if (join == null) {
                channel.detach(c.shard().index(), sub);
                state.channels().leave(channel, () -> lifecycle.vacated(app, name));
                refuse(c, name, Refusal.MEMBER_LIMIT, new PusherError(PusherError.OVER_CAPACITY,
                        "Presence channel " + name + " is full: " + app.maxPresenceMembersPerChannel() + " members"));
                return;
            }
            sub.presenceVersion(join.version());
            c.addSubscription(sub);
            c.send(frame(ServerFrames.presenceSubscriptionSucceeded(name, join.members())));
        } else {
            sub = new Subscription(c, channel, null, 0, filter, deltaMode, deltaAlgorithm);
            c.addSubscription(sub);
            channel.attach(c.shard().index(), sub);
            c.send(frame(ServerFrames.subscriptionSucceeded(name)));
            lifecycle.countChanged(app, state, name);
        }
        stats.subscriptions.increment();
        applyDelta(c, sub);
        if (deltaRequest != null) {
            DeltaState d = sub.delta();
            c.send(frame(DeltaFrames.compressionEnabled(d != null, d == null ? null : d.algorithm(), name)));
        }
        if (kind.requiresAuth()) {
            c.authorize();
        }
        if (kind.isCache()) {
            replayCache(c, app, name);
        }
    }

    private void resendSucceeded(Connection c, Subscription s) {
        Channel ch = s.channel();
        if (ch.roster() != null) {
            c.send(frame(ServerFrames.presenceSubscriptionSucceeded(ch.name(), ch.roster().snapshot())));
        } else {
            c.send(frame(ServerFrames.subscriptionSucceeded(ch.name())));
        }
    }

    /**
     * Sends a cache channel's last event, or {@code pusher:cache_miss}, right after
     * {@code subscription_succeeded}: inline when the cache has answered already (the memory cache
     * always has), otherwise as soon as it answers.
     */
    private void replayCache(Connection c, App app, String channel) {
        CompletableFuture<byte[]> lookup = cache.get(app.id(), channel);
        if (lookup.isDone() && !lookup.isCompletedExceptionally()) {
            sendCached(c, app, channel, lookup.join());
        } else {
            lookup.whenComplete((cached, error) -> c.shard().execute(() -> sendCached(c, app, channel, cached)));
        }
    }

    private void sendCached(Connection c, App app, String channel, byte[] cached) {
        if (c.subscription(channel) == null) {
            return;
        }
        if (cached != null) {
            c.send(frame(cached));
        } else {
            c.send(frame(ServerFrames.cacheMiss(channel)));
            if (app.wantsWebhook(WebhookEvent.CACHE_MISS)) {
                webhooks.emit(app, WebhookEvent.cacheMiss(channel));
            }
        }
    }

    /** Why a subscription was refused, and how that is reported in {@code pusher:subscription_error}. */
    enum Refusal {
        AUTH("AuthError", 401),
        INVALID_CHANNEL("InvalidChannel", 400),
        INVALID_CHANNEL_DATA("InvalidChannelData", 400),
        MEMBER_LIMIT("LimitReached", 4100),
        MEMBER_TOO_LARGE("LimitReached", 413),
        INVALID_FILTER("InvalidFilter", 400),
        INVALID_DELTA("InvalidDelta", 400);

        final String type;
        final int status;

        Refusal(String type, int status) {
            this.type = type;
            this.status = status;
        }
    }

    /**
     * Reports a refused subscription twice: on the channel as {@code pusher:subscription_error}
     * (what apps bind to), and as the connection-level {@code pusher:error} Pusher sends. The
     * connection stays up for its other channels.
     */
    private void refuse(Connection c, String channel, Refusal why, PusherError error) {
        stats.subscriptionRefusals.increment();
        c.send(frame(ServerFrames.subscriptionError(channel == null ? "" : channel, why.type, error.message(), why.status)));
        c.send(frame(ServerFrames.error(error)));
    }

    // ------------------------------------------------------------------ unsubscribe

    private void unsubscribe(Connection c, String channel) {
        Subscription s = c.removeSubscription(channel);
        if (s != null) {
            stats.unsubscriptions.increment();
            leave(c, s);
        }
    }

    /** Takes one subscription out of its channel, with the presence and webhook consequences. */
    private void leave(Connection c, Subscription s) {
        App app = c.app();
        Channel channel = s.channel();
        String name = channel.name();
        channel.detach(c.shard().index(), s);
        if (s.delta() != null) {
            s.delta(null);
            c.deltaSubscriptionsChanged(-1);
        }
        PresenceMember member = s.member();
        if (member != null) {
            channel.roster().leave(member.userId(), version -> {
                adapter.deliver(channel, Publication.protocol(name, frame(ServerFrames.memberRemoved(name, member.userIdJson())), null, version));
                lifecycle.memberRemoved(app, name, member.userId(), member.userIdJson());
            });
        }
        AppState state = adapter.state(app.id());
        state.channels().leave(channel, () -> lifecycle.vacated(app, name));
        if (member == null) {
            lifecycle.countChanged(app, state, name);
        }
    }

    // ------------------------------------------------------------------ client events

    private void clientEvent(Connection c, ClientMessage m) {
        App app = c.app();
        String channel = m.channel();
        if (!c.admitClientEvent(app.maxClientEventsPerSecond(), clock.getAsLong())) {
            rejectClientEvent(c, "Client event rejected due to rate limit (" + app.maxClientEventsPerSecond() + " per second)");
            return;
        }
        if (!app.enableClientMessages()) {
            rejectClientEvent(c, "The app does not have client messaging enabled");
            return;
        }
        if (m.event().length() > app.maxEventNameLength()) {
            rejectClientEvent(c, "Event name is too long: " + m.event().length() + " characters, the limit is " + app.maxEventNameLength());
            return;
        }
        if (channel == null) {
            rejectClientEvent(c, "Client events require a channel");
            return;
        }
        ChannelKind kind = ChannelKind.of(channel);
        if (!kind.allowsClientEvents()) {
            rejectClientEvent(c, kind.isEncrypted()
                    ? "Client events are not supported on encrypted channels"
                    : "Client events are only allowed on private and presence channels");
            return;
        }
        int payload = m.data() == null ? 0 : m.data().length();
        int limit = app.maxEventPayloadBytes();
        if (limit > 0 && payload > limit) {
            rejectClientEvent(c, "Event payload is " + payload + " bytes, the limit is " + limit);
            return;
        }
        Subscription s = c.subscription(channel);
        if (s == null) {
            rejectClientEvent(c, "The client is not a member of channel " + channel);
            return;
        }
        stats.clientEvents.increment();
        String userIdJson = s.member() == null ? null : s.member().userIdJson();
        Frame f = frame(ServerFrames.clientEvent(m.event(), channel, m.data(), userIdJson));
        adapter.deliver(s.channel(), Publication.event(channel, m.event(), f, c.socketId(), Tags.EMPTY, null));
        if (app.wantsWebhook(WebhookEvent.CLIENT_EVENT)) {
            String data = m.data() == null ? null : m.data().isString() ? m.data().stringValue() : m.data().json();
            webhooks.emit(app, WebhookEvent.clientEvent(channel, m.event(), data, c.socketId().toString(), userIdJson));
        }
    }

    private void rejectClientEvent(Connection c, String why) {
        stats.clientEventRefusals.increment();
        c.send(frame(ServerFrames.error(PusherError.clientEventRejected(why))));
    }

    // ------------------------------------------------------------------ delta compression

    /**
     * {@code pusher:enable_delta_compression}: the socket picks the first algorithm in the
     * client's list that the server offers (the server's preference when the list is empty), and
     * every subscription that did not opt out starts receiving deltas.
     */
    private void enableDelta(Connection c, List<String> accepted) {
        DeltaSettings settings = options.delta();
        String algorithm = null;
        if (settings.enabled()) {
            algorithm = accepted.isEmpty() ? settings.algorithm() : accepted.get(0);
        }
        c.enableDelta(algorithm, accepted);
        c.send(frame(DeltaFrames.compressionEnabled(algorithm != null, algorithm, null)));
        if (algorithm != null) {
            for (Subscription s : c.subscriptionArray()) {
                if (s != null) {
                    applyDelta(c, s);
                }
            }
        }
    }

    /**
     * Gives a subscription delta state if compression applies to it: not on encrypted channels
     * (their payloads are opaque), not where the app's channel settings disable it or the
     * subscriber said no, only when the subscriber or its socket asked, and for at most
     * {@code max_channel_states_per_socket} channels of one socket.
     */
    private void applyDelta(Connection c, Subscription s) {
        if (s.delta() != null || s.deltaMode() == Subscription.DeltaMode.OFF || s.channel().kind().isEncrypted()
                || s.channel().kind() == ChannelKind.SERVER_TO_USER) {
            return;
        }
        if (s.deltaMode() == Subscription.DeltaMode.DEFAULT && c.deltaAlgorithm() == null) {
            return;
        }
        DeltaSettings settings = options.delta();
        ChannelSettings channel = ChannelSettings.resolve(c.app(), s.channel().name(), settings, options.tagFiltering().enableTags());
        if (!channel.deltaAllowed()) {
            return;
        }
        int max = settings.maxChannelStatesPerSocket();
        if (max > 0 && c.deltaSubscriptions() >= max) {
            return;
        }
        String algorithm = s.deltaAlgorithm();
        if (algorithm == null) {
            algorithm = channel.algorithm() != null && c.decodes(channel.algorithm()) && s.deltaMode() == Subscription.DeltaMode.ON
                    ? channel.algorithm() : c.deltaAlgorithm();
        }
        if (algorithm == null) {
            algorithm = channel.algorithm();
        }
        s.delta(new DeltaState(algorithm, settings));
        c.deltaSubscriptionsChanged(1);
    }

    /**
     * {@code pusher:delta_sync_error}: the client could not decode and dropped its bases for the
     * channel. Its chains start over, and the last message of each is sent again in full so the
     * client loses nothing.
     */
    private void deltaSyncError(Connection c, String channel) {
        Subscription s = c.subscription(channel);
        adapter.deltaStats().countSyncError();
        if (s == null || s.delta() == null) {
            return;
        }
        long now = clock.getAsLong();
        for (DeltaState.LastMessage last : s.delta().reset()) {
            long seq = s.channel().nextSequence();
            c.send(frame(DeltaFrames.withSequence(last.payload(), seq, last.conflationKey())));
            s.delta().restore(last.conflationKey(), last.payload(), seq, now);
        }
    }

    // ------------------------------------------------------------------ sign-in

    private void signin(Connection c, SigninRequest req) {
        App app = c.app();
        String error = ChannelAuth.verifyUser(app.key(), app.secret(), c.socketId().toString(), req.userData(), req.auth());
        if (error != null) {
            fail(c, PusherError.unauthorized("Connection not authorized: " + error));
            return;
        }
        UserData user;
        try {
            user = UserData.parse(req.userData());
        } catch (ProtocolException e) {
            fail(c, e.error());
            return;
        }
        if (user.watchlist().size() > Watchlists.MAX_WATCHLIST) {
            c.send(frame(ServerFrames.error(new PusherError(PusherError.WATCHLIST_LIMIT,
                    "A watchlist may hold " + Watchlists.MAX_WATCHLIST + " user ids, this one has " + user.watchlist().size()))));
            return;
        }
        if (c.userId() != null) {
            if (c.userId().equals(user.id())) {
                c.send(frame(ServerFrames.signinSuccess(req.userData())));
                return;
            }
            // the previous user's private channel must not keep delivering to the new user
            unsubscribe(c, ChannelKind.SERVER_TO_USER_PREFIX + c.userId());
            signOut(c);
        }
        c.signIn(user.id());
        AppState state = adapter.state(app.id());
        boolean firstConnection = state.addUserConnection(user.id(), c);
        c.send(frame(ServerFrames.signinSuccess(req.userData())));
        if (app.enableWatchlistEvents()) {
            watchlists.signedIn(app, state, c, user, firstConnection);
        }
    }

    private void signOut(Connection c) {
        App app = c.app();
        AppState state = adapter.state(app.id());
        String userId = c.userId();
        boolean last = state.removeUserConnection(userId, c);
        if (app.enableWatchlistEvents()) {
            watchlists.signedOut(app, state, c, userId, last);
        }
    }

    /**
     * Closes every connection of a user on this node with 4009, as
     * {@code POST /apps/{id}/users/{user}/terminate_connections} asks.
     */
    public void terminateUserConnections(String appId, String userId) {
        AppState state = adapter.existingState(appId);
        if (state == null) {
            return;
        }
        PusherError error = PusherError.unauthorized("You got disconnected by the app.");
        for (Connection c : state.userConnections(userId)) {
            c.shard().execute(() -> fail(c, error));
        }
    }

    // ------------------------------------------------------------------ activity

    private void sweep(Shard shard) {
        long now = clock.getAsLong();
        long activity = options.activityTimeout().toNanos();
        long pong = options.pongTimeout().toNanos();
        long auth = options.userAuthenticationTimeout().toNanos();
        // idle delta chains are freed a few times per state age, not on every sweep
        long deltaPeriod = Math.max(1, options.delta().maxStateAge().toNanos() / 4);
        boolean expireDeltas = now - lastDeltaSweep[shard.index()] >= deltaPeriod;
        if (expireDeltas) {
            lastDeltaSweep[shard.index()] = now;
        }
        connections[shard.index()].forEach(c -> {
            if (!c.isOpen()) {
                return;
            }
            if (expireDeltas && c.deltaSubscriptions() > 0) {
                for (Subscription s : c.subscriptionArray()) {
                    if (s != null && s.delta() != null) {
                        s.delta().expire(now);
                    }
                }
            }
            long pinged = c.pingSentNanos();
            if (pinged != 0) {
                if (now - pinged >= pong) {
                    fail(c, PusherError.pongNotReceived());
                    return;
                }
            } else if (now - c.lastActivityNanos() >= activity) {
                c.pinged(now);
                c.send(frame(ServerFrames.ping()));
            }
            if (c.app().enableUserAuthentication() && !c.isAuthorized() && now - c.openedNanos() >= auth) {
                fail(c, PusherError.unauthorized("Connection not authorized within timeout."));
            }
        });
    }

    // ------------------------------------------------------------------ closing

    /**
     * The connection is over: its close frame arrived, or the socket failed. Releases everything
     * at once, so that a query right after a client leaves already sees it gone. Idempotent.
     */
    public void onClose(Connection c) {
        if (c.isClosed()) {
            return;
        }
        boolean wasOpen = c.isOpen();
        c.markClosed();
        if (!wasOpen) {
            return;
        }
        connections[c.shard().index()].remove(c);
        stats.connectionsClosed.increment();
        for (Subscription s : c.drainSubscriptions()) {
            leave(c, s);
        }
        if (c.userId() != null) {
            signOut(c);
        }
        adapter.state(c.app().id()).releaseConnection();
    }

    /**
     * Graceful shutdown: refuse new connections and ask every client to reconnect (4200), so
     * they move to another node at once.
     */
    public void drain() {
        draining = true;
        PusherError error = PusherError.serverShuttingDown();
        for (int i = 0; i < connections.length; i++) {
            ShardConnections local = connections[i];
            adapter.shard(i).execute(() -> local.forEach(c -> fail(c, error)));
        }
    }

    /** Sends the debounced webhooks (vacated, member removed) now; for shutdown, after {@link #drain()}. */
    public void flushWebhooks() {
        lifecycle.flushPendingRemovals();
    }

    public boolean isDraining() {
        return draining;
    }

    public EngineStats stats() {
        return stats;
    }

    /** Connections open on this node. */
    public int connectionCount() {
        return totalConnections();
    }

    private Frame frame(byte[] payload) {
        return adapter.frame(payload);
    }
}
