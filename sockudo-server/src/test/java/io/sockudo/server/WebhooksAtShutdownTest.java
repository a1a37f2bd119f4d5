package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks queued when the server stops get the shutdown grace period to go out. */
class WebhooksAtShutdownTest {

    /** Longer than the second the server used to give webhooks, well within the grace below. */
    private static final long RECEIVER_DELAY_MILLIS = 1_500;

    private HttpServer receiver;
    private final java.util.concurrent.ExecutorService receiverThreads = java.util.concurrent.Executors.newCachedThreadPool();
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
    private final CountDownLatch arrived = new CountDownLatch(1);

    @BeforeEach
    void startSlowReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            arrived.countDown();
            try {
                Thread.sleep(RECEIVER_DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            delivered.add(body);
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        receiverThreads.shutdownNow();
    }

    @Test
    void aDeliveryInProgressAtShutdownCompletesWithinTheGracePeriod() throws Exception {
        Webhook hook = Webhook.of("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                Set.of("channel_occupied"));
        App app = TestServer.app().webhooks(List.of(hook)).build();
        SockudoServer server = TestServer.start(b -> b.app(app).shutdownGrace(Duration.ofSeconds(4)));
        try (WsClient client = WsClient.established(server.port(), TestServer.KEY)) {
            client.subscribe("news");
            client.nextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
            assertThat(arrived.await(5, TimeUnit.SECONDS)).as("channel_occupied reached the receiver").isTrue();
        } finally {
            server.close();
        }
        assertThat(delivered.poll(0, TimeUnit.MILLISECONDS))
                .as("answered before close() returned").contains("channel_occupied");
    }
}
