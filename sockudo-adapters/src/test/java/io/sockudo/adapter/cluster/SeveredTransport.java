package io.sockudo.adapter.cluster;

import java.util.List;

/**
 * A transport whose outgoing side can be cut while it keeps receiving: a node that its peers
 * stop hearing from, as after a crash, without stopping anything.
 */
final class SeveredTransport implements Transport {

    private final Transport delegate;
    private volatile boolean severed;

    SeveredTransport(Transport delegate) {
        this.delegate = delegate;
    }

    void sever(boolean severed) {
        this.severed = severed;
    }

    @Override
    public void start(List<String> subscriptions, Inbound inbound) {
        delegate.start(subscriptions, inbound);
    }

    @Override
    public void send(List<Outgoing> batch) throws Exception {
        if (!severed) {
            delegate.send(batch);
        }
    }

    @Override
    public String subject(Destination destination) {
        return delegate.subject(destination);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
