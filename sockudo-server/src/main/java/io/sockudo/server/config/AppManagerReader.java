package io.sockudo.server.config;

import io.sockudo.adapter.app.App;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code app_manager}: the inline apps of the memory driver, or the one default app when
 * there are none.
 */
final class AppManagerReader {

    private AppManagerReader() {
    }

    static List<App> read(ConfigNode appManager) {
        ConfigNode driver = appManager.get("driver");
        boolean memory = driver.string("memory").trim().equalsIgnoreCase("memory");
        if (!memory) {
            driver.unsupportedValue();
        }
        ConfigNode apps = appManager.get("array").get("apps");
        if (!apps.isSet()) {
            // The default app has well-known credentials: fine for a first run, wrong for an
            // operator who pointed the server at an app database we cannot read yet.
            return memory ? List.of(defaultApp()) : List.of();
        }
        List<App> out = new ArrayList<>();
        Map<String, String> idOwners = new HashMap<>();
        Map<String, String> keyOwners = new HashMap<>();
        for (ConfigNode node : apps.elements()) {
            App app = AppReader.read(node);
            String idOwner = idOwners.putIfAbsent(app.id(), node.path());
            if (idOwner != null) {
                throw node.get("id").problem("\"" + app.id() + "\" is already the id of " + idOwner);
            }
            String keyOwner = keyOwners.putIfAbsent(app.key(), node.path());
            if (keyOwner != null) {
                throw node.get("key").problem("\"" + app.key() + "\" is already the key of " + keyOwner);
            }
            out.add(app);
        }
        return List.copyOf(out);
    }

    /** Credentials everyone knows, and sockudo's switches: client events off until asked for. */
    static App defaultApp() {
        return App.builder(ServerConfig.DEFAULT_APP_ID, ServerConfig.DEFAULT_APP_KEY, ServerConfig.DEFAULT_APP_SECRET)
                .build();
    }
}
