package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.protocol.ChannelAuth;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Members joining at the same time from sockets on different I/O threads: every member must end
 * up seeing every other, whatever the interleaving of the joins.
 */
class PresenceConsistencyTest {

    private static final Pattern ID = Pattern.compile("\\\\\"user_id\\\\\":\\\\\"(u\\d+)\\\\\"");
    private static final Pattern IDS = Pattern.compile("\\\\\"ids\\\\\":\\[([^\\]]*)]");

    @RepeatedTest(10)
    void everyMemberSeesEveryOtherWhenAllJoinAtOnce() throws Exception {
        int n = 24;
        try (SockudoServer server = TestServer.start()) {
            List<WsClient> clients = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int i = 0; i < n; i++) {
                    clients.add(WsClient.established(server.port(), TestServer.KEY));
                }
                CountDownLatch go = new CountDownLatch(1);
                for (int i = 0; i < n; i++) {
                    WsClient c = clients.get(i);
                    String data = "{\"user_id\":\"u" + i + "\"}";
                    String auth = ChannelAuth.signChannel(TestServer.KEY, TestServer.SECRET, c.socketId(), "presence-race", data);
                    String frame = "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"presence-race\",\"auth\":\"" + auth
                            + "\",\"channel_data\":" + io.sockudo.protocol.Json.quote(data) + "}}";
                    pool.execute(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        c.send(frame);
                    });
                }
                go.countDown();
                for (int i = 0; i < n; i++) {
                    WsClient c = clients.get(i);
                    Set<String> seen = new HashSet<>();
                    long deadline = System.currentTimeMillis() + 5000;
                    while (seen.size() < n && System.currentTimeMillis() < deadline) {
                        String f = c.poll(100);
                        if (f == null) {
                            continue;
                        }
                        if (f.contains("subscription_succeeded")) {
                            Matcher m = IDS.matcher(f);
                            assertThat(m.find()).isTrue();
                            for (String id : m.group(1).split(",")) {
                                seen.add(id.replace("\\\"", "").replace("\"", ""));
                            }
                        } else if (f.contains("member_added")) {
                            Matcher m = ID.matcher(f);
                            assertThat(m.find()).as(f).isTrue();
                            seen.add(m.group(1));
                        }
                    }
                    assertThat(seen).as("members seen by u" + i).hasSize(n);
                }
            } finally {
                pool.shutdownNow();
                clients.forEach(WsClient::close);
            }
        }
    }
}
