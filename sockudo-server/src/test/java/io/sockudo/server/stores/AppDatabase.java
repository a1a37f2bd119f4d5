package io.sockudo.server.stores;

/**
 * A database the server takes its apps from, started for one test and driven as an operator
 * would: its section of the config file, apps written into it directly, and a crash and a restart.
 */
interface AppDatabase extends AutoCloseable {

    /** {@code app_manager.driver}. */
    String driver();

    /** The {@code database} section of the config file: {@code "name": {...}} pointing at this database. */
    String configSection(int connectionTimeoutMillis, int queryTimeoutMillis);

    /** Writes an enabled app with no connection or client-event limit. */
    void insert(String id, String key, String secret) throws Exception;

    void setEnabled(String id, boolean enabled) throws Exception;

    /** Kills the database process (SIGKILL); its data stays for {@link #restart()}. */
    void crash();

    /** Starts it again on the same port with the same data. */
    void restart();

    @Override
    void close();
}
