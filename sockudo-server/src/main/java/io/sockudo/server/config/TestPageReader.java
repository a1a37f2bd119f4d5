package io.sockudo.server.config;

import java.util.List;

/** Reads {@code test_page.*}: whether the interactive test page is served, and where. */
final class TestPageReader {

    /** This server's own variables for these settings, for {@link EnvOverlay}. */
    static final List<EnvOverlay.Mapping> ENV = List.of(
            EnvOverlay.Mapping.of("TEST_PAGE_ENABLED", "test_page", "enabled"),
            EnvOverlay.Mapping.of("TEST_PAGE_PATH", "test_page", "path"));

    private TestPageReader() {
    }

    static TestPageConfig read(ConfigNode section) {
        ConfigNode pathNode = section.get("path");
        String path = pathNode.string(TestPageConfig.DISABLED.path());
        // one or more plain segments: the page's own files and endpoints hang below it
        if (!path.matches("(/[A-Za-z0-9._~-]+)+") || path.contains("/.")) {
            throw pathNode.problem("must be a path such as /test-page (segments of letters, digits, '-', '_', '.', '~'; no trailing '/')");
        }
        if (path.equals("/app") || path.startsWith("/app/") || path.equals("/apps") || path.startsWith("/apps/")
                || path.equals("/up") || path.startsWith("/up/") || path.equals("/usage")) {
            throw pathNode.problem("must not overlap the WebSocket endpoint or the HTTP API (/app, /apps, /up, /usage)");
        }
        return new TestPageConfig(section.get("enabled").bool(false), path);
    }
}
