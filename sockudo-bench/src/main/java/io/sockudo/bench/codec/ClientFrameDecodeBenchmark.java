package io.sockudo.bench.codec;

import io.sockudo.protocol.ClientMessage;
import io.sockudo.protocol.SubscribeRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frames clients send, decoded: the envelope ({@link ClientMessage#decode}) and, for
 * subscriptions, the data fields ({@link SubscribeRequest#from}). A presence subscribe is the
 * largest frame a client sends routinely; a ping is the most frequent.
 *
 * <pre>java -jar sockudo-bench/target/benchmarks.jar ClientFrameDecode -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClientFrameDecodeBenchmark {

    private final byte[] ping = bytes("{\"event\":\"pusher:ping\",\"data\":{}}");
    private final byte[] publicSubscribe = bytes("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"ticker-eu\"}}");
    private final byte[] presenceSubscribe = bytes("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"presence-room-42\","
            + "\"auth\":\"app-key:2f1c0e0b7a4f3c7b9d5e6a1f0c2b3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e\","
            + "\"channel_data\":\"{\\\"user_id\\\":\\\"u-1234\\\",\\\"user_info\\\":{\\\"name\\\":\\\"Ada\\\"}}\"}}");
    private final byte[] clientEvent = bytes("{\"event\":\"client-typing\",\"channel\":\"private-chat-7\","
            + "\"data\":{\"user\":\"u-1234\",\"typing\":true,\"at\":1712345678}}");

    @Benchmark
    public ClientMessage ping() {
        return ClientMessage.decode(ping, 0, ping.length);
    }

    @Benchmark
    public SubscribeRequest publicSubscribe() {
        return SubscribeRequest.from(ClientMessage.decode(publicSubscribe, 0, publicSubscribe.length));
    }

    @Benchmark
    public SubscribeRequest presenceSubscribe() {
        return SubscribeRequest.from(ClientMessage.decode(presenceSubscribe, 0, presenceSubscribe.length));
    }

    @Benchmark
    public ClientMessage clientEvent() {
        return ClientMessage.decode(clientEvent, 0, clientEvent.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
