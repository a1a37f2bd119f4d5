package io.sockudo.server.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes sockudo's environment variables into the config tree, over what the file says, so that
 * one reader handles both and the environment wins. Only variables that map to a setting this
 * server has are read; the rest are left alone. An empty variable counts as unset.
 */
final class EnvOverlay {

    /** A variable and the config keys it sets. */
    record Mapping(String variable, List<String> path) {
        static Mapping of(String variable, String... path) {
            return new Mapping(variable, List.of(path));
        }
    }

    /** Server settings, in the order the documentation lists them. */
    static final List<Mapping> SETTINGS = List.of(
            Mapping.of("HOST", "host"),
            Mapping.of("PORT", "port"),
            Mapping.of("DEBUG_MODE", "debug"),
            Mapping.of("ACTIVITY_TIMEOUT", "activity_timeout"),
            Mapping.of("USER_AUTHENTICATION_TIMEOUT", "user_authentication_timeout"),
            Mapping.of("SHUTDOWN_GRACE_PERIOD", "shutdown_grace_period"),
            Mapping.of("SOCKUDO_MAX_CONNECTIONS", "max_connections"),
            Mapping.of("LISTEN_BACKLOG", "listen_backlog"),
            Mapping.of("WEBSOCKET_MAX_PAYLOAD_KB", "websocket_max_payload_kb"),
            Mapping.of("WEBSOCKET_MAX_MESSAGES", "websocket", "max_messages"),
            Mapping.of("WEBSOCKET_MAX_BYTES", "websocket", "max_bytes"),
            Mapping.of("WEBSOCKET_DISCONNECT_ON_BUFFER_FULL", "websocket", "disconnect_on_buffer_full"),
            Mapping.of("WEBSOCKET_MAX_MESSAGE_SIZE", "websocket", "max_message_size"),
            Mapping.of("WEBSOCKET_MAX_FRAME_SIZE", "websocket", "max_frame_size"),
            Mapping.of("WEBSOCKET_WRITE_BUFFER_SIZE", "websocket", "write_buffer_size"),
            Mapping.of("WEBSOCKET_MAX_BACKPRESSURE", "websocket", "max_backpressure"),
            Mapping.of("WEBSOCKET_AUTO_PING", "websocket", "auto_ping"),
            Mapping.of("WEBSOCKET_PING_INTERVAL", "websocket", "ping_interval"),
            Mapping.of("WEBSOCKET_IDLE_TIMEOUT", "websocket", "idle_timeout"),
            Mapping.of("WEBSOCKET_COMPRESSION", "websocket", "compression"),
            Mapping.of("CACHE_TTL_SECONDS", "channel_limits", "cache_ttl"),
            // sockudo's one variable sets both TTLs
            Mapping.of("CACHE_TTL_SECONDS", "app_manager", "cache", "ttl"),
            Mapping.of("METRICS_ENABLED", "metrics", "enabled"),
            Mapping.of("METRICS_HOST", "metrics", "host"),
            Mapping.of("METRICS_PORT", "metrics", "port"),
            Mapping.of("METRICS_PROMETHEUS_PREFIX", "metrics", "prometheus", "prefix"),
            Mapping.of("HEALTH_CHECK_TIMEOUT_MS", "health_check_timeout_ms"),
            Mapping.of("HTTP_API_USAGE_ENABLED", "http_api", "usage_enabled"),
            Mapping.of("WEBHOOK_BATCHING_ENABLED", "webhooks", "batching", "enabled"),
            Mapping.of("WEBHOOK_BATCHING_DURATION", "webhooks", "batching", "duration"),
            Mapping.of("WEBHOOK_BATCHING_SIZE", "webhooks", "batching", "size"),
            Mapping.of("TAG_FILTERING_ENABLED", "tag_filtering", "enabled"));

    static final String DEFAULT_APP_ID = "SOCKUDO_DEFAULT_APP_ID";
    static final String DEFAULT_APP_KEY = "SOCKUDO_DEFAULT_APP_KEY";
    static final String DEFAULT_APP_SECRET = "SOCKUDO_DEFAULT_APP_SECRET";
    static final String DEFAULT_APP_ENABLED = "SOCKUDO_DEFAULT_APP_ENABLED";
    static final String DEFAULT_APP_CLIENT_MESSAGES = "SOCKUDO_DEFAULT_APP_ENABLE_CLIENT_MESSAGES";
    static final String CLIENT_MESSAGES = "SOCKUDO_ENABLE_CLIENT_MESSAGES";
    static final String DEFAULT_APP_ALLOWED_ORIGINS = "SOCKUDO_DEFAULT_APP_ALLOWED_ORIGINS";

    /** Settings of the app built from {@code SOCKUDO_DEFAULT_APP_*}, by app key. */
    static final List<Mapping> DEFAULT_APP = List.of(
            Mapping.of("SOCKUDO_DEFAULT_APP_MAX_CONNECTIONS", "max_connections"),
            Mapping.of("SOCKUDO_DEFAULT_APP_MAX_CLIENT_EVENTS_PER_SECOND", "max_client_events_per_second"),
            Mapping.of("SOCKUDO_DEFAULT_APP_MAX_BACKEND_EVENTS_PER_SECOND", "max_backend_events_per_second"),
            Mapping.of("SOCKUDO_DEFAULT_APP_MAX_READ_REQUESTS_PER_SECOND", "max_read_requests_per_second"),
            Mapping.of("SOCKUDO_DEFAULT_APP_MAX_PRESENCE_MEMBERS_PER_CHANNEL", "max_presence_members_per_channel"),
            Mapping.of("SOCKUDO_DEFAULT_APP_MAX_PRESENCE_MEMBER_SIZE_IN_KB", "max_presence_member_size_in_kb"),
            Mapping.of("SOCKUDO_DEFAULT_APP_MAX_CHANNEL_NAME_LENGTH", "max_channel_name_length"),
            Mapping.of("SOCKUDO_DEFAULT_APP_MAX_EVENT_NAME_LENGTH", "max_event_name_length"),
            Mapping.of("SOCKUDO_DEFAULT_APP_MAX_EVENT_PAYLOAD_IN_KB", "max_event_payload_in_kb"),
            Mapping.of("SOCKUDO_DEFAULT_APP_MAX_EVENT_CHANNELS_AT_ONCE", "max_event_channels_at_once"),
            Mapping.of("SOCKUDO_DEFAULT_APP_MAX_EVENT_BATCH_SIZE", "max_event_batch_size"),
            Mapping.of("SOCKUDO_DEFAULT_APP_ENABLE_USER_AUTHENTICATION", "enable_user_authentication"),
            Mapping.of("SOCKUDO_DEFAULT_APP_ENABLE_WATCHLIST_EVENTS", "enable_watchlist_events"),
            Mapping.of("SOCKUDO_DEFAULT_APP_ENABLE_SUBSCRIPTION_COUNT", "enable_subscription_count"));

    /**
     * Every table of variables applied, each kept beside the reader of its section. A variable
     * of sockudo's that is in none of them is named at startup as not supported.
     */
    static List<Mapping> mappings() {
        List<Mapping> all = new ArrayList<>(SETTINGS);
        all.addAll(Drivers.ENV);
        all.addAll(ListenerReader.ENV);
        all.addAll(AppStoreReader.ENV);
        all.addAll(StoresReader.ENV);
        all.addAll(RedisReader.ENV);
        all.addAll(RateLimiterReader.ENV);
        all.addAll(TestPageReader.ENV);
        all.addAll(AdapterConfigReader.ENV);
        return List.copyOf(all);
    }

    /** Variables read besides those of {@link #mappings()}. */
    static Set<String> otherVariables() {
        Set<String> names = new HashSet<>(Set.of("DEBUG", DEFAULT_APP_ID, DEFAULT_APP_KEY, DEFAULT_APP_SECRET,
                DEFAULT_APP_ENABLED, DEFAULT_APP_CLIENT_MESSAGES, CLIENT_MESSAGES, DEFAULT_APP_ALLOWED_ORIGINS,
                "SOCKUDO_SKIP_INLINE_APPS", "APP_MANAGER_REGISTER_INLINE_APPS"));
        DEFAULT_APP.forEach(m -> names.add(m.variable()));
        return names;
    }

    /** The names of every variable the overlay reads. */
    static Set<String> readVariables() {
        Set<String> names = otherVariables();
        mappings().forEach(m -> names.add(m.variable()));
        return names;
    }

    private final Map<String, String> env;

    EnvOverlay(Map<String, String> env) {
        this.env = env;
    }

    void apply(Map<String, Object> root, String origin) {
        for (Mapping m : mappings()) {
            String v = value(m.variable());
            if (v != null) {
                put(root, m.path(), new EnvValue(m.variable(), v), origin, m.variable());
            }
        }
        // DEBUG can only switch debug on, whatever DEBUG_MODE or the file say
        if (flag("DEBUG", false)) {
            put(root, List.of("debug"), new EnvValue("DEBUG", value("DEBUG")), origin, "DEBUG");
        }
        applyDefaultApp(root, origin);
    }

    /**
     * sockudo's bootstrap app: with {@code SOCKUDO_DEFAULT_APP_ID/KEY/SECRET} all set (and not
     * {@code SOCKUDO_DEFAULT_APP_ENABLED=false}) the app built from these variables is added to the
     * apps of the file, as sockudo pushes it onto {@code app_manager.array.apps}. When the file
     * has an app with the same id, the environment's app takes its place (the environment wins
     * over the file, here as for every other setting); a key already used by another app of the
     * file is refused when the apps are read. {@code SOCKUDO_SKIP_INLINE_APPS=true} or
     * {@code APP_MANAGER_REGISTER_INLINE_APPS=false} drops the file's apps.
     */
    private void applyDefaultApp(Map<String, Object> root, String origin) {
        boolean skipInline = flag("SOCKUDO_SKIP_INLINE_APPS", false) || !flag("APP_MANAGER_REGISTER_INLINE_APPS", true);
        String id = value(DEFAULT_APP_ID);
        String key = value(DEFAULT_APP_KEY);
        String secret = value(DEFAULT_APP_SECRET);
        boolean enabled = flag(DEFAULT_APP_ENABLED, true);
        boolean credentials = id != null || key != null || secret != null;
        if (credentials && enabled && (id == null || key == null || secret == null)) {
            // sockudo quietly adds nothing here; an app half configured is a mistake worth naming
            List<String> missing = new ArrayList<>();
            if (id == null) {
                missing.add(DEFAULT_APP_ID);
            }
            if (key == null) {
                missing.add(DEFAULT_APP_KEY);
            }
            if (secret == null) {
                missing.add(DEFAULT_APP_SECRET);
            }
            throw new ConfigException("environment: " + DEFAULT_APP_ID + ", " + DEFAULT_APP_KEY + " and "
                    + DEFAULT_APP_SECRET + " go together; " + String.join(" and ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " not set");
        }
        boolean addDefault = credentials && enabled;
        if (!addDefault && !skipInline) {
            return;
        }
        List<Object> apps = new ArrayList<>();
        if (!skipInline) {
            for (Object fileApp : fileApps(root, origin)) {
                if (!(addDefault && fileApp instanceof Map<?, ?> m && id.equals(idText(m.get("id"))))) {
                    apps.add(fileApp);
                }
            }
        }
        if (addDefault) {
            apps.add(defaultApp(id, key, secret));
        }
        put(root, List.of("app_manager", "array", "apps"), apps, origin, DEFAULT_APP_ID);
    }

    /** The file's {@code app_manager.array.apps}, none when missing; the reader reports a wrong shape. */
    private static List<?> fileApps(Map<String, Object> root, String origin) {
        Object appManager = root.get("app_manager");
        Object array = appManager instanceof Map<?, ?> m ? m.get("array") : null;
        Object apps = array instanceof Map<?, ?> m ? m.get("apps") : null;
        if (apps == null) {
            return List.of();
        }
        if (!(apps instanceof List<?> list)) {
            throw new ConfigException(origin + ": app_manager.array.apps: expected an array, got "
                    + ConfigNode.describe(apps) + " (environment variable " + DEFAULT_APP_ID + " adds an app to it)");
        }
        return list;
    }

    /** An app id of the file as the reader will see it: a string, or a whole number as its decimal string. */
    private static String idText(Object id) {
        if (id instanceof String s) {
            return s;
        }
        if (id instanceof EnvValue env) {
            return env.text();
        }
        return id instanceof Long || id instanceof java.math.BigInteger ? id.toString() : null;
    }

    private Map<String, Object> defaultApp(String id, String key, String secret) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("id", new EnvValue(DEFAULT_APP_ID, id));
        app.put("key", new EnvValue(DEFAULT_APP_KEY, key));
        app.put("secret", new EnvValue(DEFAULT_APP_SECRET, secret));
        for (Mapping m : DEFAULT_APP) {
            String v = value(m.variable());
            if (v != null) {
                app.put(m.path().get(0), new EnvValue(m.variable(), v));
            }
        }
        String clientMessages = value(DEFAULT_APP_CLIENT_MESSAGES);
        String clientMessagesVariable = DEFAULT_APP_CLIENT_MESSAGES;
        if (clientMessages == null) {
            clientMessages = value(CLIENT_MESSAGES);
            clientMessagesVariable = CLIENT_MESSAGES;
        }
        if (clientMessages != null) {
            app.put("enable_client_messages", new EnvValue(clientMessagesVariable, clientMessages));
        }
        String origins = value(DEFAULT_APP_ALLOWED_ORIGINS);
        if (origins != null) {
            List<Object> list = new ArrayList<>();
            for (String o : origins.split(",")) {
                if (!o.isBlank()) {
                    list.add(new EnvValue(DEFAULT_APP_ALLOWED_ORIGINS, o.trim()));
                }
            }
            app.put("allowed_origins", list);
        }
        return app;
    }

    private String value(String variable) {
        String v = env.get(variable);
        return v == null || v.isEmpty() ? null : v;
    }

    private boolean flag(String variable, boolean fallback) {
        String v = value(variable);
        if (v == null) {
            return fallback;
        }
        Boolean b = ConfigNode.parseBoolean(v);
        if (b == null) {
            throw new ConfigException("environment variable " + variable + ": expected true or false, got \"" + v + "\"");
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, Object value, String origin, String variable) {
        Map<String, Object> at = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object next = at.get(path.get(i));
            if (next == null) {
                next = new LinkedHashMap<String, Object>();
                at.put(path.get(i), next);
            } else if (!(next instanceof Map)) {
                throw new ConfigException(origin + ": " + String.join(".", path.subList(0, i + 1))
                        + ": expected an object, got " + ConfigNode.describe(next)
                        + " (environment variable " + variable + " sets a key inside it)");
            }
            at = (Map<String, Object>) next;
        }
        at.put(path.get(path.size() - 1), value);
    }
}
