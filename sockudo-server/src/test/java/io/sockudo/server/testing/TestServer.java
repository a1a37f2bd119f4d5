package io.sockudo.server.testing;

import io.sockudo.adapter.app.App;
import io.sockudo.server.SockudoServer;
import io.sockudo.testkit.Poll;
import io.sockudo.testkit.TestApp;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A server on a free loopback port with the test app {@code app-id}/{@code app-key}/{@code app-secret},
 * using the run's adapter ({@link RunAdapter}: local unless the run names a cluster driver).
 */
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
        SockudoServer.Builder b = SockudoServer.builder().host("127.0.0.1").port(0).ioThreads(2);
        boolean clustered = RunAdapter.next().map(b::adapter).isPresent();
        SockudoServer server = customize.apply(b).start();
        if (clustered) {
            // a node answers /up with ERROR until its backbone is connected
            try {
                Poll.until("the server is connected to its backbone", Duration.ofSeconds(15), server::clusterConnected);
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
        }
        return server;
    }

    public static SockudoServer startWith(App app) {
        return start(b -> b.app(app));
    }
}
