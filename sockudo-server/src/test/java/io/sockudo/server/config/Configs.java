package io.sockudo.server.config;

import io.sockudo.adapter.app.App;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** Reads config text the way the launcher reads a file named {@code config.json}. */
final class Configs {

    private Configs() {
    }

    static LoadedConfig load(String json) {
        return load(json, Map.of());
    }

    static LoadedConfig load(String json, Map<String, String> env) {
        return ConfigLoader.fromText(json, "config.json", env);
    }

    static ServerConfig read(String json) {
        return load(json).config();
    }

    static ServerConfig read(String json, Map<String, String> env) {
        return load(json, env).config();
    }

    /** The only app of a config with one app. */
    static App onlyApp(ServerConfig config) {
        if (config.apps().size() != 1) {
            throw new AssertionError("expected one app, got " + config.apps());
        }
        return config.apps().get(0);
    }

    /** A config with one app of the given JSON fields beside the credentials. */
    static String withApp(String fields) {
        return "{\"app_manager\":{\"array\":{\"apps\":[{\"id\":\"1\",\"key\":\"k\",\"secret\":\"s\""
                + (fields.isBlank() ? "" : "," + fields) + "}]}}}";
    }

    static Path resource(String name) {
        try {
            return Path.of(Configs.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
