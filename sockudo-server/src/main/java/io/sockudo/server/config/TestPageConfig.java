package io.sockudo.server.config;

import java.util.Objects;

/**
 * The interactive test page ({@code test_page.*}): a browser page served by the server, with the
 * endpoints that sign channel subscriptions and HTTP API requests for it. It hands out
 * signatures made with the apps' secrets to whoever loads it, so it is for development only
 * and off unless enabled.
 *
 * @param enabled whether the page and its signing endpoints exist ({@code test_page.enabled},
 *                {@code TEST_PAGE_ENABLED}, false)
 * @param path    where the page is served ({@code test_page.path}, {@code TEST_PAGE_PATH},
 *                {@code /test-page})
 */
public record TestPageConfig(boolean enabled, String path) {

    public static final TestPageConfig DISABLED = new TestPageConfig(false, "/test-page");

    public TestPageConfig {
        Objects.requireNonNull(path, "path");
    }
}
