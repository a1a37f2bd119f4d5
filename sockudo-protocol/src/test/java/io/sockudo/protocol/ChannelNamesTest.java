package io.sockudo.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNamesTest {

    @ParameterizedTest
    @CsvSource({
        "my-channel, PUBLIC",
        "cache-x, CACHE",
        "my-cache-x, PUBLIC",
        "private-a, PRIVATE",
        "private-cache-a, PRIVATE_CACHE",
        "private-encrypted-a, PRIVATE_ENCRYPTED",
        "private-encrypted-cache-a, PRIVATE_ENCRYPTED_CACHE",
        "presence-a, PRESENCE",
        "presence-cache-a, PRESENCE_CACHE",
        "#server-to-user-42, SERVER_TO_USER",
        "privatefoo, PUBLIC",
    })
    void kindsAreDecidedByAnchoredPrefixes(String name, ChannelKind kind) {
        assertThat(ChannelKind.of(name)).isEqualTo(kind);
    }

    @Test
    void onlyPrivateAndPresenceChannelsAllowClientEvents() {
        assertThat(ChannelKind.PRIVATE.allowsClientEvents()).isTrue();
        assertThat(ChannelKind.PRESENCE_CACHE.allowsClientEvents()).isTrue();
        assertThat(ChannelKind.PRIVATE_ENCRYPTED.allowsClientEvents()).isFalse();
        assertThat(ChannelKind.PUBLIC.allowsClientEvents()).isFalse();
        assertThat(ChannelKind.CACHE.allowsClientEvents()).isFalse();
    }

    @Test
    void authIsRequiredForPrivateAndPresenceKinds() {
        assertThat(ChannelKind.PRIVATE_ENCRYPTED_CACHE.requiresAuth()).isTrue();
        assertThat(ChannelKind.PRESENCE.requiresAuth()).isTrue();
        assertThat(ChannelKind.CACHE.requiresAuth()).isFalse();
        assertThat(ChannelKind.SERVER_TO_USER.requiresAuth()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A-z_0=9@x,y.z;w", "private-App.Models.User.1", "#server-to-user-auth0|1:2"})
    void acceptsPushersCharacterSet(String name) {
        assertThat(ChannelNames.validate(name, 200)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "a:b", "é", "a#b", "#other", "#server-to-user-", "tab\there"})
    void refusesOtherNames(String name) {
        assertThat(ChannelNames.validate(name, 200)).isNotNull();
    }

    @Test
    void enforcesTheLengthLimit() {
        assertThat(ChannelNames.validate("a".repeat(200), 200)).isNull();
        assertThat(ChannelNames.validate("a".repeat(201), 200)).contains("too long");
        assertThat(ChannelNames.validate(null, 200)).isNotNull();
    }
}
