package io.sockudo.store.app.stored;

/**
 * A stored app that cannot be read: a missing column, JSON that does not parse, a value of the
 * wrong type. The store skips such an app, as if it were not there, and says which one and why.
 */
public final class MalformedAppException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String appId;

    public MalformedAppException(String appId, String problem) {
        super("app " + (appId == null ? "(without an id)" : "'" + appId + "'") + " is malformed in the app store: " + problem);
        this.appId = appId;
    }

    /** The id of the app, or null when the row has none. */
    public String appId() {
        return appId;
    }
}
