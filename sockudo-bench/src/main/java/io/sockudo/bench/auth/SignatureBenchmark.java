package io.sockudo.bench.auth;

import io.sockudo.protocol.ApiSignature;
import io.sockudo.protocol.ChannelAuth;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signature checks on the request path: a private and a presence subscription's {@code auth}
 * (one HMAC-SHA256 each), and an HTTP API publish (MD5 of the body, then HMAC over the sorted
 * query). Every signed publish pays the last one, so it bounds signed publishes per core.
 *
 * <pre>java -jar sockudo-bench/target/benchmarks.jar Signature -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignatureBenchmark {

    private static final String KEY = "app-key";
    private static final String SECRET = "7ad3773142a6692b25b8";
    private static final String SOCKET_ID = "1234.5678";
    private static final String PRIVATE = "private-chat-7";
    private static final String PRESENCE = "presence-room-42";
    private static final String CHANNEL_DATA = "{\"user_id\":\"u-1234\",\"user_info\":{\"name\":\"Ada\"}}";
    private static final String PATH = "/apps/app-id/events";

    private String privateAuth;
    private String presenceAuth;
    private byte[] body;
    private List<ApiSignature.Param> params;
    private long now;

    @Setup
    public void setUp() {
        privateAuth = ChannelAuth.signChannel(KEY, SECRET, SOCKET_ID, PRIVATE, null);
        presenceAuth = ChannelAuth.signChannel(KEY, SECRET, SOCKET_ID, PRESENCE, CHANNEL_DATA);
        body = ("{\"name\":\"price\",\"channel\":\"ticker-eu\",\"data\":\"{\\\"sym\\\":\\\"BTC-EUR\\\",\\\"bid\\\":61234.5,"
                + "\\\"ask\\\":61236.25}\"}").getBytes(StandardCharsets.UTF_8);
        now = System.currentTimeMillis() / 1000;
        params = decode(ApiSignature.signedQuery("POST", PATH, Map.of(), body, KEY, SECRET, now));
        String refused = ApiSignature.verify("POST", PATH, params, body, SECRET, now);
        if (refused != null || ChannelAuth.verifyChannel(KEY, SECRET, SOCKET_ID, PRIVATE, null, privateAuth) != null) {
            throw new IllegalStateException("the benchmark's own signatures do not verify: " + refused);
        }
    }

    @Benchmark
    public String privateChannel() {
        return ChannelAuth.verifyChannel(KEY, SECRET, SOCKET_ID, PRIVATE, null, privateAuth);
    }

    @Benchmark
    public String presenceChannel() {
        return ChannelAuth.verifyChannel(KEY, SECRET, SOCKET_ID, PRESENCE, CHANNEL_DATA, presenceAuth);
    }

    @Benchmark
    public String apiPublish() {
        return ApiSignature.verify("POST", PATH, params, body, SECRET, now);
    }

    private static List<ApiSignature.Param> decode(String query) {
        List<ApiSignature.Param> out = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            out.add(new ApiSignature.Param(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
        }
        return out;
    }
}
