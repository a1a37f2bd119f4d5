package io.sockudo.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.protocol.ApiSignature;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outage this server once had: thousands of {@code POST /events} requests declaring a 10 MB
 * body and sending it a byte at a time. Half carry only a public {@code auth_key}, half a valid
 * signature captured from a real request (a replay within the timestamp window, so the server
 * must read them). While they are held, well-behaved clients keep connecting, subscribing and
 * receiving events, heap stays within the body memory budget, and afterwards every socket and
 * every byte is given back. Bounded: 2,000 attack sockets, an 8 s body timeout.
 */
class SlowBodyAttackTest {

    private static final int ATTACKERS = 2000;
    private static final int BODY_TIMEOUT_MILLIS = 8000;
    private static final long DECLARED = 10L * 1024 * 1024;
    private static final long BUDGET = 64L * 1024 * 1024;

    private record Attacker(Socket socket, boolean signed) {
    }

    @Test
    void heldSlowBodiesNeitherExhaustMemoryNorKeepClientsOut() throws Exception {
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).maxHttpBodyBytes(DECLARED)
                .httpBodyMemory(BUDGET).httpBodyTimeout(Duration.ofMillis(BODY_TIMEOUT_MILLIS)))) {
            ServerHealth health = new ServerHealth(server.port());
            health.assertServes("warming up");
            health.assertServes("warming up");
            List<Long> usual = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                usual.add(health.assertServes("before the attack"));
            }
            int filesBefore = ServerHealth.openFiles();
            long heapBefore = ServerHealth.heapAfterGc();

            String path = "/apps/" + TestServer.APP_ID + "/events";
            String unsigned = RawHttp.head("POST", path + "?auth_key=" + TestServer.KEY, "Content-Length: " + DECLARED + "\r\n");
            // a signature that is valid for a 10 MB body the attacker never sends
            String replayed = RawHttp.head("POST", path + "?" + ApiSignature.signedQuery("POST", path,
                    Map.of("body_md5", "0123456789abcdef0123456789abcdef"), new byte[0], TestServer.KEY, TestServer.SECRET,
                    System.currentTimeMillis() / 1000), "Content-Length: " + DECLARED + "\r\n");

            List<Attacker> attackers = new ArrayList<>(ATTACKERS);
            List<Long> underAttack = new ArrayList<>();
            long heapUnderAttack;
            long attackStart = System.nanoTime();
            try {
                for (int i = 0; i < ATTACKERS; i++) {
                    Socket s = new Socket();
                    attackers.add(new Attacker(s, i % 2 == 1));
                    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                    s.getOutputStream().write((i % 2 == 1 ? replayed : unsigned).concat("{").getBytes(StandardCharsets.ISO_8859_1));
                    if (i % 200 == 199) {
                        underAttack.add(health.assertServes("with " + (i + 1) + " attack sockets"));
                    }
                }
                long opened = (System.nanoTime() - attackStart) / 1_000_000;
                heapUnderAttack = ServerHealth.heapAfterGc();
                // trickle a byte per socket while clients come and go, until just before the first deadline
                long holdUntil = attackStart + (BODY_TIMEOUT_MILLIS - 1500) * 1_000_000L;
                while (System.nanoTime() < holdUntil) {
                    for (Attacker a : attackers) {
                        if (a.signed()) {
                            a.socket().getOutputStream().write(' ');
                        }
                    }
                    underAttack.add(health.assertServes("under attack"));
                }

                int refused = 0;
                int timedOut = 0;
                for (Attacker a : attackers) {
                    int status = statusOf(a.socket(), BODY_TIMEOUT_MILLIS + 5000);
                    assertThat(status).as(a.signed() ? "replayed signed request" : "unsigned request").isEqualTo(a.signed() ? 408 : 401);
                    if (a.signed()) {
                        timedOut++;
                    } else {
                        refused++;
                    }
                }
                for (Attacker a : attackers) {
                    assertThat(closedByServer(a.socket(), 5000)).as("the server closed the attack socket").isTrue();
                }
                System.out.printf("%d attack sockets opened in %d ms; %d refused 401 before any body byte was read, %d given 408 after %d ms%n",
                        ATTACKERS, opened, refused, timedOut, BODY_TIMEOUT_MILLIS);
            } finally {
                for (Attacker a : attackers) {
                    a.socket().close();
                }
            }
            long heapGrowth = heapUnderAttack - heapBefore;
            System.out.printf("client connect+subscribe+publish+receive: usual %s ms, under attack (%d rounds) max %d ms, median %d ms%n",
                    usual, underAttack.size(), max(underAttack), median(underAttack));
            System.out.printf("heap after GC: %d MB before, %d MB under the attack (+%d MB), budget %d MB%n",
                    ServerHealth.mb(heapBefore), ServerHealth.mb(heapUnderAttack), ServerHealth.mb(heapGrowth), ServerHealth.mb(BUDGET));

            assertThat(underAttack).as("client rounds under attack").isNotEmpty();
            // each round already had to finish within the clients' 5 s timeouts; on a shared machine
            // only a generous bound relative to this run's own usual rounds says "as usual"
            assertThat(median(underAttack)).as("median client round under attack, ms, against the usual %s", usual)
                    .isLessThanOrEqualTo(5 * median(usual) + 1000);
            assertThat(heapGrowth).as("heap growth under attack, bytes").isLessThan(BUDGET);

            ServerHealth.awaitOpenFiles(filesBefore, 4, 10_000, "after the attack");
            ServerHealth.awaitHeap(heapBefore, 16L * 1024 * 1024, 10_000, "after the attack");
            health.assertServes("after the attack");
        }
    }

    /** The status of the first response on the socket, or -1 if it ended without one. */
    private static int statusOf(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        InputStream in = s.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + millis + " ms", e);
        } catch (IOException e) {
            return -1;
        }
        String status = line.toString(StandardCharsets.ISO_8859_1);
        return status.startsWith("HTTP/1.1 ") ? Integer.parseInt(status.substring(9, 12)) : -1;
    }

    private static boolean closedByServer(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        byte[] sink = new byte[4096];
        try {
            while (s.getInputStream().read(sink) >= 0) {
                // the rest of the answer
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    private static long median(List<Long> values) {
        return values.isEmpty() ? -1 : values.stream().sorted().toList().get(values.size() / 2);
    }
}
