package io.sockudo.bench.channel;

import io.sockudo.protocol.ChannelKind;
import io.sockudo.protocol.ChannelNames;
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
 * Channel names, checked on every subscribe and for every channel of every publish: the
 * character scan with its length limit, the server-to-user form, the refusal path (which
 * builds a message), and the kind lookup from the prefix.
 *
 * <pre>java -jar sockudo-bench/target/benchmarks.jar ChannelName -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChannelNameBenchmark {

    private final String typical = "presence-room-42";
    private final String longest = "private-" + "a".repeat(ChannelNames.DEFAULT_MAX_LENGTH - 8);
    private final String serverToUser = "#server-to-user-auth0|5f3c1a2b";
    private final String invalid = "private-chat/7";

    @Benchmark
    public String typical() {
        return ChannelNames.validate(typical, ChannelNames.DEFAULT_MAX_LENGTH);
    }

    @Benchmark
    public String longest() {
        return ChannelNames.validate(longest, ChannelNames.DEFAULT_MAX_LENGTH);
    }

    @Benchmark
    public String serverToUser() {
        return ChannelNames.validate(serverToUser, ChannelNames.DEFAULT_MAX_LENGTH);
    }

    @Benchmark
    public String invalid() {
        return ChannelNames.validate(invalid, ChannelNames.DEFAULT_MAX_LENGTH);
    }

    @Benchmark
    public ChannelKind kind() {
        return ChannelKind.of(typical);
    }
}
