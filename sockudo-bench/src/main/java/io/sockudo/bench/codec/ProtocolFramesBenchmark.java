package io.sockudo.bench.codec;

import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ServerFrames;
import java.util.ArrayList;
import java.util.List;
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
 * Frames built per connection rather than per message: the greeting every connection gets,
 * a presence join's {@code member_added}, and the member list a joiner of a 100-member channel
 * receives. Connection storms and presence churn pay these.
 *
 * <pre>java -jar sockudo-bench/target/benchmarks.jar ProtocolFrames -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProtocolFramesBenchmark {

    private final PresenceMember member = PresenceMember.parse("{\"user_id\":\"u-1234\",\"user_info\":{\"name\":\"Ada\"}}");
    private final List<ServerFrames.Member> hundredMembers = members(100);

    @Benchmark
    public byte[] connectionEstablished() {
        return ServerFrames.connectionEstablished("123456789.987654321", 120);
    }

    @Benchmark
    public byte[] memberAdded() {
        return ServerFrames.memberAdded("presence-room", member);
    }

    @Benchmark
    public byte[] presenceSubscriptionSucceeded100() {
        return ServerFrames.presenceSubscriptionSucceeded("presence-room", hundredMembers);
    }

    private static List<ServerFrames.Member> members(int n) {
        List<ServerFrames.Member> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ServerFrames.Member("user-" + i, "{\"name\":\"User " + i + "\"}"));
        }
        return out;
    }
}
