package io.sockudo.store.app.stored;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs each malformed app once rather than on every lookup of it: the same bad row is met again
 * every time a cache entry for it expires. Bounded: past 1,000 distinct problems it starts over.
 */
public final class MalformedAppLog {

    private static final int LIMIT = 1_000;
    private static final System.Logger LOG = System.getLogger(MalformedAppLog.class.getName());

    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /** Logs this problem unless it was logged already; the app is skipped either way. */
    public void skipped(MalformedAppException e) {
        if (logged.size() >= LIMIT) {
            logged.clear();
        }
        if (logged.add(e.getMessage())) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; the app is skipped until its row is fixed");
        }
    }
}
