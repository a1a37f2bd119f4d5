package io.sockudo.store.app.stored;

/**
 * A lookup the app store could not answer: the database is down, slow past the bound, or
 * refused the query. The message names the store and the lookup; the cause is the driver's error.
 */
public final class AppStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AppStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public AppStoreException(String message) {
        super(message);
    }
}
