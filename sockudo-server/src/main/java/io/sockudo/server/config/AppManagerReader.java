package io.sockudo.server.config;

import io.sockudo.adapter.app.App;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code app_manager}: the inline apps of the memory driver, or the one default app when
 * there are none. A database driver takes its apps from the database only: inline apps next to
 * it are refused rather than written into the operator's database or silently dropped.
 */
final class AppManagerReader {

    private AppManagerReader() {
    }

    static List<App> read(ConfigNode appManager) {
        String driver = appManager.get("driver").string("memory").trim();
        boolean memory = driver.equalsIgnoreCase("memory");
        ConfigNode apps = appManager.get("array").get("apps");
        if (!apps.isSet()) {
            // The default app has well-known credentials: fine for a first run, wrong for an
            // operator who keeps apps in a database.
            return memory ? List.of(defaultApp()) : List.of();
        }
        if (!memory) {
            if (apps.elements().isEmpty()) {
                return List.of();
            }
            throw apps.problem("lists apps, but app_manager.driver is \"" + driver + "\": keep the apps in the "
                    + "database (SOCKUDO_SKIP_INLINE_APPS=true drops the inline ones)");
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
