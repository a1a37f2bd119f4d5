package io.sockudo.adapter;

import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.adapter.filter.TagFiltering;
import java.time.Duration;
import java.util.Objects;

/**
 * Server-wide protocol settings (sockudo's top-level config keys, {@code delta_compression.*}
 * and {@code tag_filtering.*}) and the engine's clock. Built with {@link #builder()}; every
 * setting has a default, so callers name only what they change.
 */
public final class EngineOptions {

    /** Pusher's cap on a presence {@code user_id}, in characters. */
    public static final int PUSHER_MAX_USER_ID_LENGTH = 128;

    private final Duration activityTimeout;
    private final Duration pongTimeout;
    private final Duration userAuthenticationTimeout;
    private final int maxConnections;
    private final int maxUserIdLength;
    private final int maxChannelsPerConnection;
    private final Duration cacheTtl;
    private final Duration webhookDebounce;
    private final Duration subscriptionCountInterval;
    private final DeltaSettings delta;
    private final TagFiltering tagFiltering;
    private final EngineClock clock;

    private EngineOptions(Builder b) {
        this.activityTimeout = b.activityTimeout;
        this.pongTimeout = b.pongTimeout;
        this.userAuthenticationTimeout = b.userAuthenticationTimeout;
        this.maxConnections = b.maxConnections;
        this.maxUserIdLength = b.maxUserIdLength;
        this.maxChannelsPerConnection = b.maxChannelsPerConnection;
        this.cacheTtl = b.cacheTtl;
        this.webhookDebounce = b.webhookDebounce;
        this.subscriptionCountInterval = b.subscriptionCountInterval;
        this.delta = b.delta;
        this.tagFiltering = b.tagFiltering;
        this.clock = b.clock;
    }

    public static EngineOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.activityTimeout = activityTimeout;
        b.pongTimeout = pongTimeout;
        b.userAuthenticationTimeout = userAuthenticationTimeout;
        b.maxConnections = maxConnections;
        b.maxUserIdLength = maxUserIdLength;
        b.maxChannelsPerConnection = maxChannelsPerConnection;
        b.cacheTtl = cacheTtl;
        b.webhookDebounce = webhookDebounce;
        b.subscriptionCountInterval = subscriptionCountInterval;
        b.delta = delta;
        b.tagFiltering = tagFiltering;
        b.clock = clock;
        return b;
    }

    /** Silence after which the server pings a client; announced in {@code connection_established} ({@code activity_timeout}, 120 s). */
    public Duration activityTimeout() {
        return activityTimeout;
    }

    /** How long a pinged client has to answer before it is closed with 4201 (30 s). */
    public Duration pongTimeout() {
        return pongTimeout;
    }

    /** How long a connection of an app with {@code enable_user_authentication} may stay without signing in ({@code user_authentication_timeout}, 3600 s). */
    public Duration userAuthenticationTimeout() {
        return userAuthenticationTimeout;
    }

    /** Connections this node accepts in all, 0 for no limit ({@code max_connections}). */
    public int maxConnections() {
        return maxConnections;
    }

    /** The longest presence {@code user_id} accepted, in characters ({@code presence.max_user_id_length}, 128 as Pusher). */
    public int maxUserIdLength() {
        return maxUserIdLength;
    }

    /** Channels one connection may be subscribed to at once, 0 for no limit ({@code channel_limits.max_channels_per_connection}). */
    public int maxChannelsPerConnection() {
        return maxChannelsPerConnection;
    }

    /** How long cache channels keep their last event ({@code channel_limits.cache_ttl}, 3600 s). */
    public Duration cacheTtl() {
        return cacheTtl;
    }

    /**
     * Delay of {@code channel_vacated} and {@code member_removed} webhooks, cancelled if the
     * channel or member is back in the meantime (Pusher waits about 3 s).
     */
    public Duration webhookDebounce() {
        return webhookDebounce;
    }

    /** The least time between two {@code subscription_count} updates of one busy channel (1 s). */
    public Duration subscriptionCountInterval() {
        return subscriptionCountInterval;
    }

    public DeltaSettings delta() {
        return delta;
    }

    public TagFiltering tagFiltering() {
        return tagFiltering;
    }

    /** The engine's clock. */
    public EngineClock clock() {
        return clock;
    }

    /** Collects settings; starts from the defaults. */
    public static final class Builder {
        private Duration activityTimeout = Duration.ofSeconds(120);
        private Duration pongTimeout = Duration.ofSeconds(30);
        private Duration userAuthenticationTimeout = Duration.ofSeconds(3600);
        private int maxConnections;
        private int maxUserIdLength = PUSHER_MAX_USER_ID_LENGTH;
        private int maxChannelsPerConnection = 1000;
        private Duration cacheTtl = Duration.ofSeconds(3600);
        private Duration webhookDebounce = Duration.ofSeconds(3);
        private Duration subscriptionCountInterval = Duration.ofSeconds(1);
        private DeltaSettings delta = DeltaSettings.defaults();
        private TagFiltering tagFiltering = TagFiltering.defaults();
        private EngineClock clock = EngineClock.SYSTEM;

        private Builder() {
        }

        public Builder activityTimeout(Duration d) {
            this.activityTimeout = positive(d, "activityTimeout");
            return this;
        }

        public Builder pongTimeout(Duration d) {
            this.pongTimeout = positive(d, "pongTimeout");
            return this;
        }

        public Builder userAuthenticationTimeout(Duration d) {
            this.userAuthenticationTimeout = positive(d, "userAuthenticationTimeout");
            return this;
        }

        public Builder maxConnections(int n) {
            this.maxConnections = notNegative(n, "maxConnections");
            return this;
        }

        public Builder maxUserIdLength(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxUserIdLength must be at least 1, was " + n);
            }
            this.maxUserIdLength = n;
            return this;
        }

        public Builder maxChannelsPerConnection(int n) {
            this.maxChannelsPerConnection = notNegative(n, "maxChannelsPerConnection");
            return this;
        }

        public Builder cacheTtl(Duration d) {
            this.cacheTtl = Objects.requireNonNull(d, "cacheTtl");
            return this;
        }

        public Builder webhookDebounce(Duration d) {
            this.webhookDebounce = Objects.requireNonNull(d, "webhookDebounce");
            return this;
        }

        public Builder subscriptionCountInterval(Duration d) {
            this.subscriptionCountInterval = Objects.requireNonNull(d, "subscriptionCountInterval");
            return this;
        }

        public Builder delta(DeltaSettings d) {
            this.delta = Objects.requireNonNull(d, "delta");
            return this;
        }

        public Builder tagFiltering(TagFiltering t) {
            this.tagFiltering = Objects.requireNonNull(t, "tagFiltering");
            return this;
        }

        public Builder clock(EngineClock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public EngineOptions build() {
            return new EngineOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }

        private static int notNegative(int n, String name) {
            if (n < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + n);
            }
            return n;
        }
    }
}
