package io.sockudo.bench.codec;

import io.sockudo.adapter.connection.Frame;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.transport.websocket.WebSocketWireFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A published event's frame as it leaves for the wire: the JSON (its {@code data} string escaped
 * into the frame) plus the RFC 6455 header, built once per message and shared by every
 * recipient. {@code channelEventJsonOnly} is the JSON without the header. Per-connection frames
 * are in {@link ProtocolFramesBenchmark}.
 *
 * <pre>java -jar sockudo-bench/target/benchmarks.jar FrameEncode -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameEncodeBenchmark {

    /** Size of the event's data, before escaping. */
    @Param({"64", "512", "4096"})
    int dataBytes;

    private String data;

    @Setup
    public void setUp() {
        data = SampleData.json(dataBytes);
    }

    @Benchmark
    public Frame channelEvent() {
        byte[] payload = ServerFrames.channelEvent("price", "ticker-eu", data, null);
        return WebSocketWireFormat.INSTANCE.frame(payload);
    }

    @Benchmark
    public byte[] channelEventJsonOnly() {
        return ServerFrames.channelEvent("price", "ticker-eu", data, null);
    }
}
