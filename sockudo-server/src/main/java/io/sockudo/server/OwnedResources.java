package io.sockudo.server;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a server opened for itself (database pools, Redis clients) and closes when it stops, last opened first. */
final class OwnedResources implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OwnedResources.class.getName());

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** Takes charge of {@code resource}, which may be null (nothing to close). */
    void add(AutoCloseable resource) {
        if (resource != null) {
            resources.push(resource);
        }
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + r + " failed", e);
            }
        }
    }
}
