package io.sockudo.bench.filter;

import io.sockudo.protocol.filter.TagFilter;
import io.sockudo.protocol.filter.Tags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tag filter evaluation, the per-message, per-candidate-subscriber cost of filtered delivery.
 * Each evaluation benchmark runs its filter over the same four messages of 3 to 5 tags (a mix
 * of hits and misses) and reports the time of one evaluation. {@code parse} and {@code tagsOf}
 * show the one-off costs: a filter at subscribe time, a message's tags at publish time.
 *
 * <pre>java -jar sockudo-bench/target/benchmarks.jar TagFilter -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TagFilterBenchmark {

    private static final int MESSAGES = 4;

    private static final String AND_OF_THREE = q("{'op':'and','nodes':["
            + "{'key':'sym','cmp':'eq','val':'BTC'},"
            + "{'key':'venue','cmp':'in','vals':['x','y']},"
            + "{'key':'side','cmp':'neq','val':'sell'}]}");

    private final TagFilter eq = TagFilter.parse(q("{'key':'sym','cmp':'eq','val':'BTC'}"));
    private final TagFilter in20 = TagFilter.parse(q("{'key':'sym','cmp':'in','vals':["
            + "'ADA','ATOM','AVAX','BCH','BNB','BTC','DOGE','DOT','ETC','ETH',"
            + "'FIL','LINK','LTC','NEAR','OP','SHIB','SOL','TRX','UNI','XRP']}"));
    private final TagFilter and3 = TagFilter.parse(AND_OF_THREE);
    private final TagFilter or3 = TagFilter.parse(q("{'op':'or','nodes':["
            + "{'key':'sym','cmp':'eq','val':'ETH'},"
            + "{'key':'venue','cmp':'eq','val':'z'},"
            + "{'key':'px','cmp':'gte','val':100}]}"));
    private final TagFilter gte = TagFilter.parse(q("{'key':'px','cmp':'gte','val':100.5}"));
    private final TagFilter compound = TagFilter.parse(q("{'events':['price','trade'],"
            + "'tags':{'key':'sym','cmp':'in','vals':['BTC','ETH','SOL']}}"));

    private final Map<String, String> rawTags =
            tags("sym", "BTC", "venue", "x", "side", "buy", "px", "101.25");

    private final Tags[] messages = {
        Tags.of(rawTags),
        Tags.of(tags("sym", "ETH", "venue", "y", "px", "99")),
        Tags.of(tags("sym", "SOL", "venue", "z", "side", "sell", "px", "250", "qty", "3")),
        Tags.of(tags("sym", "DOGE", "side", "buy", "venue", "x")),
    };

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int eq() {
        return count(eq);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int in20() {
        return count(in20);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int andOfThree() {
        return count(and3);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int orOfThree() {
        return count(or3);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int numericGte() {
        return count(gte);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int eventsAndIn() {
        return count(compound);
    }

    @Benchmark
    public TagFilter parse() {
        return TagFilter.parse(AND_OF_THREE);
    }

    @Benchmark
    public Tags tagsOf() {
        return Tags.of(rawTags);
    }

    private int count(TagFilter filter) {
        int hits = 0;
        for (Tags tags : messages) {
            if (filter.matches("price", tags)) {
                hits++;
            }
        }
        return hits;
    }

    private static Map<String, String> tags(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** JSON written with single quotes, for readability. */
    private static String q(String json) {
        return json.replace('\'', '"');
    }
}
