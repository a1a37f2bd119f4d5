package io.sockudo.protocol.filter;

import static io.sockudo.protocol.filter.Fixtures.filter;
import static io.sockudo.protocol.filter.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class TagFilterAllocationTest {

    @Test
    void matchingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TagFilter[] filters = {
            filter("{'key':'sym','cmp':'eq','val':'BTC'}"),
            filter("{'key':'sym','cmp':'in','vals':['ETH','BTC','SOL','ADA','XRP','DOT','LTC']}"),
            filter("{'events':['price'],'tags':{'op':'or','nodes':[{'key':'venue','cmp':'ct','val':'x'},"
                    + "{'op':'not','nodes':[{'key':'px','cmp':'gte','val':100.5}]},"
                    + "{'key':'sym','cmp':'sw','val':'B'},{'key':'sym','cmp':'nin','vals':['A']}]}}"),
        };
        Tags[] messages = {tags("sym", "BTC", "venue", "xyz", "px", "101"), tags("px", "99"), Tags.EMPTY};
        int hits = run(filters, messages, 10_000); // warm up, so class loading is not counted

        long before = threads.getCurrentThreadAllocatedBytes();
        hits += run(filters, messages, 100_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(hits).isPositive();
        // 900,000 evaluations: even one small object each would be megabytes.
        assertThat(allocated).isLessThan(16_384);
    }

    private static int run(TagFilter[] filters, Tags[] messages, int rounds) {
        int hits = 0;
        for (int r = 0; r < rounds; r++) {
            for (TagFilter f : filters) {
                for (Tags t : messages) {
                    if (f.matches("price", t)) {
                        hits++;
                    }
                }
            }
        }
        return hits;
    }
}
