package io.sockudo.store.redis;

/** Redis could not be reached, did not answer in time, or refused a command. */
public final class RedisStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RedisStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public RedisStoreException(String message) {
        super(message);
    }
}
