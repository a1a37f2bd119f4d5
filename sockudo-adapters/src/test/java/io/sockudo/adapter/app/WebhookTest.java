package io.sockudo.adapter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WebhookTest {

    private static final String URL = "http://127.0.0.1:1/hook";

    private static Webhook filtered(String prefix, String suffix, String pattern) {
        return new Webhook(URL, Set.of("channel_occupied", "channel_vacated"), prefix, suffix,
                pattern == null ? null : Pattern.compile(pattern), Map.of());
    }

    @Test
    void acceptsOnlyTheEventTypesItNames() {
        Webhook hook = Webhook.of(URL, Set.of("member_added", "member_removed"));

        assertThat(hook.accepts("member_added", "presence-room")).isTrue();
        assertThat(hook.accepts("member_removed", "presence-room")).isTrue();
        assertThat(hook.accepts("channel_occupied", "presence-room")).isFalse();
    }

    @Test
    void anEndpointWithoutTypesAcceptsNothing() {
        assertThat(Webhook.of(URL, Set.of()).accepts("channel_occupied", "news")).isFalse();
    }

    @Test
    void withoutChannelFiltersEveryChannelIsAccepted() {
        Webhook hook = Webhook.of(URL, Set.of("channel_occupied"));

        assertThat(hook.accepts("channel_occupied", "anything")).isTrue();
        assertThat(hook.accepts("channel_occupied", null)).isTrue();
    }

    @Test
    void aPrefixRestrictsTheChannels() {
        Webhook hook = filtered("private-", null, null);

        assertThat(hook.accepts("channel_occupied", "private-orders")).isTrue();
        assertThat(hook.accepts("channel_occupied", "orders-private-")).isFalse();
    }

    @Test
    void aSuffixRestrictsTheChannels() {
        Webhook hook = filtered(null, "-eu", null);

        assertThat(hook.accepts("channel_vacated", "orders-eu")).isTrue();
        assertThat(hook.accepts("channel_vacated", "orders-eu-2")).isFalse();
    }

    @Test
    void aPatternIsFoundAnywhereInTheName() {
        Webhook hook = filtered(null, null, "btc|eth");

        assertThat(hook.accepts("channel_occupied", "ticker-btc-usd")).isTrue();
        assertThat(hook.accepts("channel_occupied", "eth")).isTrue();
        assertThat(hook.accepts("channel_occupied", "ticker-sol-usd")).isFalse();
    }

    @Test
    void anAnchoredPatternIsHonoured() {
        Webhook hook = filtered(null, null, "^ticker-[a-z]+$");

        assertThat(hook.accepts("channel_occupied", "ticker-btc")).isTrue();
        assertThat(hook.accepts("channel_occupied", "old-ticker-btc")).isFalse();
    }

    @Test
    void everyGivenFilterMustHold() {
        Webhook hook = filtered("private-", "-eu", "orders");

        assertThat(hook.accepts("channel_occupied", "private-orders-eu")).isTrue();
        assertThat(hook.accepts("channel_occupied", "private-orders-us")).isFalse();
        assertThat(hook.accepts("channel_occupied", "presence-orders-eu")).isFalse();
        assertThat(hook.accepts("channel_occupied", "private-trades-eu")).isFalse();
        assertThat(hook.accepts("member_added", "private-orders-eu")).isFalse();
    }

    @Test
    void anEventWithoutAChannelPassesTheChannelFilters() {
        assertThat(filtered("private-", "-eu", "orders").accepts("channel_occupied", null)).isTrue();
    }
}
