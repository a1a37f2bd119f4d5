package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.protocol.filter.TagFilter;
import io.sockudo.protocol.filter.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterIndexTest {

    private static final String EQ_BTC = "{\"key\":\"sym\",\"cmp\":\"eq\",\"val\":\"BTC\"}";
    private static final String IN_BTC_ETH = "{\"key\":\"sym\",\"cmp\":\"in\",\"vals\":[\"BTC\",\"ETH\"]}";
    private static final String NEQ_BTC = "{\"key\":\"sym\",\"cmp\":\"neq\",\"val\":\"BTC\"}";
    private static final String BTC_OR_VENUE_X = "{\"op\":\"or\",\"nodes\":[" + EQ_BTC + ",{\"key\":\"venue\",\"cmp\":\"eq\",\"val\":\"x\"}]}";
    private static final String BTC_AND_BUY = "{\"op\":\"and\",\"nodes\":[" + EQ_BTC + ",{\"key\":\"side\",\"cmp\":\"eq\",\"val\":\"buy\"}]}";

    private final FilterIndex index = new FilterIndex();
    private long stamp;

    private static Subscription subscriber(String filter) {
        return new Subscription(null, null, null, 0, filter == null ? null : TagFilter.parse(filter),
                Subscription.DeltaMode.DEFAULT, null);
    }

    private static Tags tags(String... keyValues) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return Tags.of(map);
    }

    /** What one message reaches. */
    private record Outcome(List<Subscription> recipients, int refused) {
    }

    private Outcome publish(FilterIndex on, String event, Tags tags) {
        List<Subscription> recipients = new ArrayList<>();
        int refused = on.forEachRecipient(event, tags, ++stamp, recipients, (s, list) -> list.add(s));
        return new Outcome(recipients, refused);
    }

    private Outcome publish(Tags tags) {
        return publish(index, "price", tags);
    }

    @Test
    void unfilteredSubscriptionsReceiveEveryMessageAtNoCost() {
        Subscription plain = subscriber(null);
        index.add(plain);

        assertThat(publish(tags("sym", "BTC"))).isEqualTo(new Outcome(List.of(plain), 0));
        assertThat(publish(Tags.EMPTY)).isEqualTo(new Outcome(List.of(plain), 0));
        assertThat(index.hasFiltered()).isFalse();
    }

    @Test
    void anIndexedFilterReceivesMessagesCarryingItsTag() {
        Subscription btc = subscriber(EQ_BTC);
        index.add(btc);

        assertThat(publish(tags("sym", "BTC", "venue", "x")).recipients()).containsExactly(btc);
    }

    @Test
    void anIndexedFilterIsNotEvenLookedAtForMessagesWithoutItsTags() {
        index.add(subscriber(EQ_BTC));

        // not a candidate, so not counted as refused either
        assertThat(publish(tags("sym", "ETH"))).isEqualTo(new Outcome(List.of(), 0));
        assertThat(publish(Tags.EMPTY)).isEqualTo(new Outcome(List.of(), 0));
    }

    @Test
    void aSetFilterIsFiledUnderEachOfItsValues() {
        Subscription either = subscriber(IN_BTC_ETH);
        index.add(either);

        assertThat(publish(tags("sym", "BTC")).recipients()).containsExactly(either);
        assertThat(publish(tags("sym", "ETH")).recipients()).containsExactly(either);
        assertThat(publish(tags("sym", "SOL")).recipients()).isEmpty();
    }

    @Test
    void anUnindexableFilterIsEvaluatedForEveryMessage() {
        Subscription notBtc = subscriber(NEQ_BTC);
        index.add(notBtc);

        assertThat(publish(tags("sym", "BTC"))).isEqualTo(new Outcome(List.of(), 1));
        assertThat(publish(tags("sym", "ETH"))).isEqualTo(new Outcome(List.of(notBtc), 0));
        assertThat(publish(Tags.EMPTY)).as("a missing tag is not BTC").isEqualTo(new Outcome(List.of(notBtc), 0));
    }

    @Test
    void aSubscriptionFiledUnderSeveralMatchingTagsReceivesAMessageOnce() {
        Subscription btcOrX = subscriber(BTC_OR_VENUE_X);
        assertThat(btcOrX.filter().indexKeys().size()).as("filed twice").isEqualTo(2);
        index.add(btcOrX);

        Outcome both = publish(tags("sym", "BTC", "venue", "x"));
        Outcome again = publish(tags("sym", "BTC", "venue", "x"));

        assertThat(both.recipients()).containsExactly(btcOrX);
        assertThat(again.recipients()).as("a new message, a new stamp").containsExactly(btcOrX);
    }

    @Test
    void aCandidateRefusedByItsFullFilterIsCountedAndSkipped() {
        Subscription btcBuy = subscriber(BTC_AND_BUY);
        index.add(btcBuy);

        assertThat(publish(tags("sym", "BTC", "side", "sell"))).isEqualTo(new Outcome(List.of(), 1));
        assertThat(publish(tags("sym", "BTC", "side", "buy"))).isEqualTo(new Outcome(List.of(btcBuy), 0));
    }

    @Test
    void eventNameFiltersAreScannedAndCheckedAgainstTheEvent() {
        Subscription tradesOnly = subscriber("{\"events\":[\"trade\"]}");
        index.add(tradesOnly);

        assertThat(publish(index, "trade", Tags.EMPTY).recipients()).containsExactly(tradesOnly);
        assertThat(publish(index, "quote", Tags.EMPTY)).isEqualTo(new Outcome(List.of(), 1));
    }

    @Test
    void everyKindOfSubscriptionGetsWhatItAskedForFromOneMessage() {
        Subscription plain = subscriber(null);
        Subscription btc = subscriber(EQ_BTC);
        Subscription either = subscriber(IN_BTC_ETH);
        Subscription notBtc = subscriber(NEQ_BTC);
        Subscription btcBuy = subscriber(BTC_AND_BUY);
        for (Subscription s : List.of(plain, btc, either, notBtc, btcBuy)) {
            index.add(s);
        }

        Outcome btcSell = publish(tags("sym", "BTC", "side", "sell"));
        Outcome eth = publish(tags("sym", "ETH"));

        assertThat(btcSell.recipients()).containsExactlyInAnyOrder(plain, btc, either);
        assertThat(btcSell.refused()).isEqualTo(2);
        assertThat(eth.recipients()).containsExactlyInAnyOrder(plain, either, notBtc);
        assertThat(eth.refused()).isZero();
    }

    @Test
    void removedSubscriptionsAreNoLongerVisited() {
        Subscription plain = subscriber(null);
        Subscription btc = subscriber(EQ_BTC);
        Subscription either = subscriber(IN_BTC_ETH);
        Subscription notBtc = subscriber(NEQ_BTC);
        for (Subscription s : List.of(plain, btc, either, notBtc)) {
            index.add(s);
        }

        index.remove(btc);
        index.remove(either);
        index.remove(notBtc);

        assertThat(index.hasFiltered()).isFalse();
        assertThat(publish(tags("sym", "BTC"))).isEqualTo(new Outcome(List.of(plain), 0));
        assertThat(publish(tags("sym", "ETH"))).isEqualTo(new Outcome(List.of(plain), 0));

        index.remove(plain);
        assertThat(publish(tags("sym", "BTC"))).isEqualTo(new Outcome(List.of(), 0));
    }

    @Test
    void removingOneOfTwoSubscriptionsUnderATagKeepsTheOther() {
        Subscription first = subscriber(EQ_BTC);
        Subscription second = subscriber(IN_BTC_ETH);
        index.add(first);
        index.add(second);

        index.remove(first);

        assertThat(index.hasFiltered()).isTrue();
        assertThat(publish(tags("sym", "BTC")).recipients()).containsExactly(second);
    }

    @Test
    void anIndexBuiltFromExistingMembersHoldsThemAll() {
        MemberSet<Subscription> members = new MemberSet<>();
        Subscription plain = subscriber(null);
        Subscription btc = subscriber(EQ_BTC);
        members.add(plain);
        members.add(btc);

        FilterIndex built = FilterIndex.of(members);

        assertThat(built.hasFiltered()).isTrue();
        assertThat(publish(built, "price", tags("sym", "BTC")).recipients()).containsExactlyInAnyOrder(plain, btc);
        assertThat(publish(built, "price", tags("sym", "ETH")).recipients()).containsExactly(plain);
    }

    @Test
    void aChannelShardGetsAnIndexWithItsFirstFilterAndDropsItWithTheLast() {
        Channel channel = new ChannelRegistry(2).join("ticker").channel();
        Subscription plain = subscriber(null);
        Subscription btc = subscriber(EQ_BTC);
        Subscription eth = subscriber("{\"key\":\"sym\",\"cmp\":\"eq\",\"val\":\"ETH\"}");

        channel.attach(0, plain);
        assertThat(channel.filters(0)).as("no filter yet").isNull();

        channel.attach(0, btc);
        FilterIndex shard0 = channel.filters(0);
        assertThat(shard0).isNotNull();
        assertThat(channel.filters(1)).as("other shards are untouched").isNull();
        assertThat(publish(shard0, "price", tags("sym", "BTC")).recipients()).containsExactlyInAnyOrder(plain, btc);

        channel.attach(0, eth);
        assertThat(channel.filters(0)).isSameAs(shard0);
        assertThat(publish(shard0, "price", tags("sym", "ETH")).recipients()).containsExactlyInAnyOrder(plain, eth);

        channel.detach(0, btc);
        assertThat(channel.filters(0)).isSameAs(shard0);
        channel.detach(0, eth);
        assertThat(channel.filters(0)).as("only unfiltered members left").isNull();
        assertThat(channel.members(0).size()).isEqualTo(1);
        assertThat(channel.members(0).contains(plain)).isTrue();
    }

    @Test
    void aChannelIndexKeepsUnfilteredMembersThatJoinLater() {
        Channel channel = new ChannelRegistry(1).join("ticker").channel();
        Subscription btc = subscriber(EQ_BTC);
        Subscription plain = subscriber(null);
        channel.attach(0, btc);

        channel.attach(0, plain);

        assertThat(publish(channel.filters(0), "price", tags("sym", "SOL")).recipients()).containsExactly(plain);
        channel.detach(0, plain);
        assertThat(publish(channel.filters(0), "price", tags("sym", "SOL")).recipients()).isEmpty();
    }
}
