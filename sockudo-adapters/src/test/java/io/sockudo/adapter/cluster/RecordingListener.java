package io.sockudo.adapter.cluster;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Keeps what a backbone tells its node, for tests to wait on. */
class RecordingListener implements BackboneListener {

    final BlockingQueue<Envelope> messages = new LinkedBlockingQueue<>();
    /** Every broadcast payload, in arrival order, never consumed. */
    final List<String> broadcasts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    final List<String> peersUp = new CopyOnWriteArrayList<>();
    final List<String> peersDead = new CopyOnWriteArrayList<>();
    final AtomicInteger ups = new AtomicInteger();
    final AtomicInteger downs = new AtomicInteger();
    private final Function<Query, CompletionStage<Answer>> answers;

    RecordingListener(Function<Query, CompletionStage<Answer>> answers) {
        this.answers = answers;
    }

    @Override
    public void onMessage(Envelope envelope) {
        if (envelope.message() instanceof Broadcast b) {
            broadcasts.add(b.message());
        }
        messages.add(envelope);
    }

    @Override
    public CompletionStage<Answer> onQuery(String fromNode, Query query) {
        return answers.apply(query);
    }

    @Override
    public void onPeerUp(String nodeId) {
        peersUp.add(nodeId);
    }

    @Override
    public void onPeerDead(String nodeId) {
        peersDead.add(nodeId);
    }

    @Override
    public void onBackboneUp() {
        ups.incrementAndGet();
    }

    @Override
    public void onBackboneDown() {
        downs.incrementAndGet();
    }

    /** The indexes of the received broadcasts named {@code prefix + index}, in arrival order. */
    List<Integer> indexes(String prefix) {
        synchronized (broadcasts) {
            return broadcasts.stream().filter(m -> m.startsWith(prefix))
                    .map(m -> Integer.parseInt(m.substring(prefix.length()))).toList();
        }
    }

    /** The next message, or an assertion failure after {@code timeoutMs}. */
    Envelope next(long timeoutMs) throws InterruptedException {
        Envelope e = messages.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no message within " + timeoutMs + " ms");
        }
        return e;
    }

    /** The broadcast payloads received up to and including the one equal to {@code sentinel}. */
    List<String> broadcastsUntil(String sentinel, long timeoutMs) throws InterruptedException {
        List<String> seen = new java.util.ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            Envelope e = next(Math.max(1, deadline - System.currentTimeMillis()));
            if (e.message() instanceof Broadcast b) {
                seen.add(b.message());
                if (b.message().equals(sentinel)) {
                    return seen;
                }
            }
        }
    }
}
