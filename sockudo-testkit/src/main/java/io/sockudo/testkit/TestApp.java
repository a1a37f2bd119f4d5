package io.sockudo.testkit;

/**
 * The credentials of the app every end-to-end test talks to. Kept here, beside the signer and
 * the clients, so a test's server and its clients cannot disagree about them.
 */
public final class TestApp {

    public static final String ID = "app-id";
    public static final String KEY = "app-key";
    public static final String SECRET = "app-secret";

    private TestApp() {
    }
}
