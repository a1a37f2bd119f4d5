package io.sockudo.adapter.cluster;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link Backbone} over any {@link Transport}: heartbeats and dead peers, request
 * aggregation, the bounded outgoing queue. Drivers only move bytes.
 *
 * <p>All state but the counters lives on one event thread: messages from the transport are
 * decoded on the transport's thread and handed over; timers run there too. Nothing is locked.
 */
public final class ClusterBackbone implements Backbone {

    private static final System.Logger LOG = System.getLogger(ClusterBackbone.class.getName());
    private static final long CLOSE_FLUSH_MS = 2_000;

    private final String nodeId;
    /** How this node's own broadcasts start (see {@link ClusterCodec#broadcastPrefix}). */
    private final byte[] ownBroadcasts;
    private final Transport transport;
    private final BackboneOptions options;
    private final ScheduledExecutorService events;
    private final Publisher publisher;
    private final Peers peers = new Peers();
    /** Per app, for sockudo's horizontal adapter metrics; entries are made on the event thread and kept. */
    private final ConcurrentHashMap<String, RequestStats> requestStats = new ConcurrentHashMap<>();
    private final PendingRequests pending = new PendingRequests(this::requestStats);
    private final AtomicInteger inboundBacklog = new AtomicInteger();
    private final LongAdder received = new LongAdder();
    private final LongAdder inboundDropped = new LongAdder();
    private final LongAdder decodeErrors = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private volatile Set<String> livePeers = Set.of();
    private volatile boolean connected;
    private volatile boolean closed;
    private BackboneListener listener;
    private boolean everConnected;

    public ClusterBackbone(String nodeId, Transport transport, BackboneOptions options) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.ownBroadcasts = ClusterCodec.broadcastPrefix(nodeId);
        this.transport = Objects.requireNonNull(transport, "transport");
        this.options = Objects.requireNonNull(options, "options");
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sockudo-backbone-events-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.events = executor;
        this.publisher = new Publisher(nodeId, transport, options.publishQueueCapacity());
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void start(BackboneListener listener) {
        Objects.requireNonNull(listener, "listener");
        events.execute(() -> this.listener = listener);
        publisher.start();
        ClusterHealth health = options.health();
        events.scheduleAtFixedRate(this::heartbeat, health.heartbeatIntervalMs(), health.heartbeatIntervalMs(), TimeUnit.MILLISECONDS);
        if (health.enabled()) {
            events.scheduleAtFixedRate(this::sweep, health.cleanupIntervalMs(), health.cleanupIntervalMs(), TimeUnit.MILLISECONDS);
        }
        transport.start(List.of(transport.subject(Destination.BROADCAST), transport.subject(Destination.REQUESTS),
                transport.subject(Destination.RESPONSES), transport.subject(Destination.node(nodeId))), new Inbound());
    }

    @Override
    public boolean publish(ClusterMessage message) {
        Destination to;
        if (message instanceof Broadcast) {
            to = Destination.BROADCAST;
        } else if (message instanceof PresenceJoined || message instanceof PresenceLeft
                || message instanceof NodeCount || message instanceof NodeCounts) {
            to = Destination.REQUESTS; // where sockudo sends them
        } else {
            throw new IllegalArgumentException("the backbone sends its own " + message.getClass().getSimpleName() + " messages");
        }
        return !closed && publisher.offer(to, message);
    }

    @Override
    public boolean send(String nodeId, ClusterMessage message) {
        return !closed && publisher.offer(Destination.node(nodeId), message);
    }

    @Override
    public CompletableFuture<Aggregate> request(Query query) {
        CompletableFuture<Aggregate> result = new CompletableFuture<>();
        if (!onEvents(() -> ask(query, result))) {
            result.complete(new Aggregate(livePeers, Map.of(), false));
        }
        return result;
    }

    private void ask(Query query, CompletableFuture<Aggregate> result) {
        Set<String> expected = peers.snapshot();
        if (expected.isEmpty()) {
            result.complete(new Aggregate(expected, Map.of(), true));
            return;
        }
        String requestId = ClusterCodec.randomId();
        if (!connected || closed || !publisher.offer(Destination.REQUESTS, new Request(requestId, query))) {
            result.complete(new Aggregate(expected, Map.of(), false)); // nobody would hear it
            return;
        }
        requestStats(query.appId()).sent();
        pending.open(requestId, query.appId(), expected, result);
        pending.timeoutWith(requestId, events.schedule(() -> pending.expire(requestId),
                options.requestTimeoutMs(), TimeUnit.MILLISECONDS));
    }

    @Override
    public Set<String> peers() {
        return livePeers;
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public BackboneStats stats() {
        return new BackboneStats(publisher.published.sum(), publisher.dropped.sum(), publisher.failed.sum(),
                received.sum(), inboundDropped.sum(), decodeErrors.sum(), disconnects.sum(), Map.copyOf(requestStats));
    }

    private RequestStats requestStats(String appId) {
        RequestStats s = requestStats.get(appId);
        return s != null ? s : requestStats.computeIfAbsent(appId, k -> new RequestStats());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        publisher.offer(Destination.REQUESTS, new NodeDead(nodeId));
        closed = true;
        publisher.stop(CLOSE_FLUSH_MS);
        transport.close();
        onEvents(pending::expireAll);
        events.shutdown();
        try {
            events.awaitTermination(CLOSE_FLUSH_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdownNow();
    }

    // --- on the event thread ---

    private void deliver(Envelope envelope) {
        String from = envelope.nodeId();
        ClusterMessage message = envelope.message();
        if (message instanceof NodeDead dead) {
            // only a node's word about itself: who is dead otherwise is for each node to find out
            if (dead.deadNodeId().equals(from)) {
                peerDead(from);
            }
            return;
        }
        boolean isNew = peers.heard(from, System.currentTimeMillis());
        if (isNew) {
            livePeers = peers.snapshot();
            call(() -> listener.onPeerUp(from));
        }
        if (message instanceof Heartbeat heartbeat) {
            if (heartbeat.hello() || isNew) {
                publisher.offer(Destination.node(from), new Heartbeat(System.currentTimeMillis(), false));
            }
        } else if (message instanceof Response response) {
            pending.answer(response.requestId(), from, response.answer());
        } else if (message instanceof Request request) {
            requestStats(request.query().appId()).requestReceived();
            answer(from, request);
        } else {
            call(() -> listener.onMessage(envelope));
        }
    }

    private void answer(String from, Request request) {
        CompletionStage<Answer> answer;
        try {
            answer = listener.onQuery(from, request.query());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "node " + nodeId + " failed to answer " + request, e);
            return;
        }
        if (answer != null) {
            answer.whenComplete((a, error) -> {
                if (a != null) {
                    publisher.offer(Destination.RESPONSES, new Response(request.requestId(), a));
                } else if (error != null) {
                    LOG.log(Level.ERROR, "node " + nodeId + " failed to answer " + request, error);
                }
            });
        }
    }

    private void peerDead(String node) {
        if (peers.remove(node)) {
            livePeers = peers.snapshot();
            call(() -> listener.onPeerDead(node));
        }
    }

    private void heartbeat() {
        if (connected) {
            publisher.offer(Destination.REQUESTS, new Heartbeat(System.currentTimeMillis(), false));
        }
    }

    private void sweep() {
        if (!connected) {
            return; // while this node is cut off, its peers' silence proves nothing
        }
        for (String node : peers.expire(System.currentTimeMillis(), options.health().nodeTimeoutMs())) {
            LOG.log(Level.WARNING, "node " + nodeId + ": no heartbeat from node " + node + " for "
                    + options.health().nodeTimeoutMs() + " ms, it is taken for dead");
            livePeers = peers.snapshot();
            call(() -> listener.onPeerDead(node));
        }
    }

    private void up() {
        if (connected || closed) {
            return;
        }
        connected = true;
        peers.forgive(System.currentTimeMillis());
        LOG.log(everConnected ? Level.INFO : Level.DEBUG, "node " + nodeId + " is connected to the cluster");
        everConnected = true;
        // say hello at once, so peers know this node (and it them) without waiting an interval
        publisher.offer(Destination.REQUESTS, new Heartbeat(System.currentTimeMillis(), true));
        call(listener::onBackboneUp);
    }

    private void down(Throwable cause) {
        if (!connected) {
            return;
        }
        connected = false;
        disconnects.increment();
        LOG.log(Level.WARNING, "node " + nodeId + " lost its connection to the cluster and keeps retrying: " + cause);
        call(listener::onBackboneDown);
    }

    private void call(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "node " + nodeId + ": cluster listener failed", e);
        }
    }

    private boolean onEvents(Runnable task) {
        try {
            events.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // closed
        }
    }

    /** What the transport reports, moved onto the event thread. */
    private final class Inbound implements Transport.Inbound {

        @Override
        public void message(byte[] payload) {
            if (isOwnBroadcast(payload)) {
                return; // heard back from the server: as many as this node publishes, not worth decoding
            }
            Envelope envelope;
            try {
                envelope = ClusterCodec.decode(payload);
            } catch (Exception e) {
                decodeErrors.increment();
                return;
            }
            if (envelope.nodeId().equals(nodeId)) {
                return; // servers that echo deliver a node's own messages back to it
            }
            if (inboundBacklog.incrementAndGet() > options.inboundQueueCapacity()) {
                inboundBacklog.decrementAndGet();
                inboundDropped.increment();
                return;
            }
            if (!onEvents(() -> {
                inboundBacklog.decrementAndGet();
                deliver(envelope);
            })) {
                inboundBacklog.decrementAndGet();
                return;
            }
            received.increment();
        }

        private boolean isOwnBroadcast(byte[] payload) {
            int n = ownBroadcasts.length;
            return payload.length >= n && Arrays.equals(payload, 0, n, ownBroadcasts, 0, n);
        }

        @Override
        public void up() {
            onEvents(ClusterBackbone.this::up);
        }

        @Override
        public void down(Throwable cause) {
            onEvents(() -> ClusterBackbone.this.down(cause));
        }
    }
}
