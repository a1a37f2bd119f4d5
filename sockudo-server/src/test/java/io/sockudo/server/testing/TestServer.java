package io.sockudo.server.testing;

import io.sockudo.adapter.app.App;
import io.sockudo.server.SockudoServer;
import io.sockudo.testkit.TestApp;
import java.util.function.UnaryOperator;

/** A server on a free loopback port with the test app {@code app-id}/{@code app-key}/{@code app-secret}. */
public final class TestServer {

    public static final String APP_ID = TestApp.ID;
    public static final String KEY = TestApp.KEY;
    public static final String SECRET = TestApp.SECRET;

    private TestServer() {
    }

    public static App.Builder app() {
        return App.builder(APP_ID, KEY, SECRET);
    }

    public static SockudoServer start() {
        return startWith(app().build());
    }

    /** Starts with the given settings; the customizer adds the apps. */
    public static SockudoServer start(UnaryOperator<SockudoServer.Builder> customize) {
        return customize.apply(SockudoServer.builder().host("127.0.0.1").port(0).ioThreads(2)).start();
    }

    public static SockudoServer startWith(App app) {
        return start(b -> b.app(app));
    }
}
