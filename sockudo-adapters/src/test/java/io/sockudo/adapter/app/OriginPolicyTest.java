package io.sockudo.adapter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private static boolean allows(String entry, String origin) {
        return OriginPolicy.allows(List.of(entry), origin);
    }

    @Test
    void anEmptyListAllowsEveryOriginAndNone() {
        assertThat(OriginPolicy.allows(List.of(), "https://anywhere.example")).isTrue();
        assertThat(OriginPolicy.allows(List.of(), null)).isTrue();
    }

    @Test
    void aStarOrAnyAllowsEveryOrigin() {
        assertThat(allows("*", "https://anywhere.example")).isTrue();
        assertThat(allows("*", null)).isTrue();
        assertThat(allows("any", "http://localhost:3000")).isTrue();
    }

    @Test
    void anExactOriginAllowsOnlyThatSchemeHostAndPort() {
        String entry = "https://app.example.com";

        assertThat(allows(entry, "https://app.example.com")).isTrue();
        assertThat(allows(entry, "http://app.example.com")).isFalse();
        assertThat(allows(entry, "https://app.example.com:8443")).isFalse();
        assertThat(allows(entry, "https://evil.app.example.com")).isFalse();
        assertThat(allows(entry, "https://app.example.com.evil.net")).isFalse();
    }

    @Test
    void anExactOriginWithAPortNeedsThatPort() {
        assertThat(allows("http://localhost:3000", "http://localhost:3000")).isTrue();
        assertThat(allows("http://localhost:3000", "http://localhost:3001")).isFalse();
        assertThat(allows("http://localhost:3000", "http://localhost")).isFalse();
    }

    @Test
    void aHostWithoutSchemeAllowsItOverEitherScheme() {
        assertThat(allows("app.example.com", "https://app.example.com")).isTrue();
        assertThat(allows("app.example.com", "http://app.example.com")).isTrue();
        assertThat(allows("app.example.com", "https://other.example.com")).isFalse();
        assertThat(allows("app.example.com", "https://sub.app.example.com")).isFalse();
        assertThat(allows("app.example.com", "https://app.example.com.evil.net")).isFalse();
    }

    @Test
    void aHostAndPortWithoutSchemeAllowThatHostAndPortOverEitherScheme() {
        // sockudo's documented form for development origins; its config files must work here
        assertThat(allows("localhost:3000", "http://localhost:3000")).isTrue();
        assertThat(allows("localhost:3000", "https://localhost:3000")).isTrue();
        assertThat(allows("127.0.0.1:8080", "http://127.0.0.1:8080")).isTrue();
        assertThat(allows("localhost:3000", "http://localhost:3001")).isFalse();
        assertThat(allows("localhost:3000", "http://localhost")).isFalse();
    }

    @Test
    void aBracketedIpv6HostIsAHost() {
        assertThat(allows("[::1]", "http://[::1]")).isTrue();
        assertThat(allows("[::2]", "http://[::1]")).isFalse();
    }

    @Test
    void aSubdomainWildcardAllowsSubdomainsOnly() {
        String entry = "*.example.com";

        assertThat(allows(entry, "https://app.example.com")).isTrue();
        assertThat(allows(entry, "http://a.b.example.com")).isTrue();
        assertThat(allows(entry, "https://example.com")).isFalse();
        assertThat(allows(entry, "https://badexample.com")).isFalse();
        assertThat(allows(entry, "https://example.com.evil.net")).isFalse();
    }

    @Test
    void aSingleStarMatchesAPrefixOrASuffix() {
        assertThat(allows("app-*", "https://app-42.example.com")).isTrue();
        assertThat(allows("app-*", "https://web.example.com")).isFalse();
        assertThat(allows("*example.com", "https://example.com")).isTrue();
        assertThat(allows("*example.com", "https://shop.example.com")).isTrue();
        assertThat(allows("*example.com", "https://example.org")).isFalse();
        assertThat(allows("https://*.example.com", "https://shop.example.com")).isTrue();
        assertThat(allows("https://*.example.com", "http://shop.example.com")).isFalse();
    }

    @Test
    void patternsWithSeveralStarsAllowNothing() {
        assertThat(allows("*.example.*", "https://app.example.com")).isFalse();
    }

    @Test
    void comparisonIgnoresCase() {
        assertThat(allows("HTTPS://App.Example.COM", "https://app.example.com")).isTrue();
        assertThat(allows("https://app.example.com", "HTTPS://APP.EXAMPLE.COM")).isTrue();
        assertThat(allows("*.Example.com", "https://APP.example.COM")).isTrue();
        assertThat(allows("App.Example.com", "https://app.EXAMPLE.com")).isTrue();
    }

    @Test
    void entriesAreTrimmed() {
        assertThat(allows("  https://app.example.com ", "https://app.example.com")).isTrue();
    }

    @Test
    void aMissingOriginIsRefusedByANonEmptyList() {
        assertThat(allows("https://app.example.com", null)).isFalse();
        assertThat(allows("*.example.com", null)).isFalse();
        assertThat(allows("app.example.com", "")).isFalse();
    }

    @Test
    void anyEntryOfTheListMayAllowTheOrigin() {
        List<String> allowed = List.of("https://a.example.com", "*.b.example.com", "localhost");

        assertThat(OriginPolicy.allows(allowed, "https://a.example.com")).isTrue();
        assertThat(OriginPolicy.allows(allowed, "https://x.b.example.com")).isTrue();
        assertThat(OriginPolicy.allows(allowed, "http://localhost")).isTrue();
        assertThat(OriginPolicy.allows(allowed, "https://c.example.com")).isFalse();
    }
}
