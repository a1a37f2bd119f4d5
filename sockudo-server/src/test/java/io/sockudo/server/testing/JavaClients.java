package io.sockudo.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.pusher.client.Pusher;
import com.pusher.client.connection.ConnectionEventListener;
import com.pusher.client.connection.ConnectionState;
import com.pusher.client.connection.ConnectionStateChange;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** pusher-java-client, connected the way every test needs it: wait for CONNECTED, keep the errors. */
public final class JavaClients {

    private JavaClients() {
    }

    /**
     * Connects and waits until the client says it is connected, failing with the errors it
     * reported otherwise.
     *
     * @param errors collects the connection's errors as "code message", during and after connecting
     */
    public static Pusher connect(Pusher pusher, BlockingQueue<String> errors, Duration within) {
        CountDownLatch connected = new CountDownLatch(1);
        pusher.connect(new ConnectionEventListener() {
            @Override
            public void onConnectionStateChange(ConnectionStateChange change) {
                if (change.getCurrentState() == ConnectionState.CONNECTED) {
                    connected.countDown();
                }
            }

            @Override
            public void onError(String message, String code, Exception e) {
                errors.add(code + " " + message + (e == null ? "" : " (" + e + ")"));
            }
        }, ConnectionState.ALL);
        try {
            assertThat(connected.await(within.toMillis(), TimeUnit.MILLISECONDS)).as("connected; errors: %s", errors).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return pusher;
    }
}
