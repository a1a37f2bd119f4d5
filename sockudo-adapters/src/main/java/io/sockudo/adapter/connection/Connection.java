package io.sockudo.adapter.connection;

/**
 * One client connection, as the transport holds it: the handle {@code ConnectionHandler.open}
 * returns and every later call of the transport passes back. What the engine keeps about the
 * connection (its app, subscriptions, user, activity clock) is the engine's business and lives in
 * its subclass; the transport never looks inside.
 */
public abstract class Connection {

    /** Only the engine creates connections. */
    protected Connection() {
    }
}
