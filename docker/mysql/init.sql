-- The apps of docker-compose.yml's cluster, in sockudo's `applications` table. MariaDB runs this
-- once, when its volume is first created. The CREATE TABLE is the one the MySQL app store runs
-- itself (docs/app-stores.md); the test suite checks that the two stay the same.
CREATE TABLE IF NOT EXISTS `applications` (
    id VARCHAR(255) PRIMARY KEY,
    `key` VARCHAR(255) UNIQUE NOT NULL,
    secret VARCHAR(255) NOT NULL,
    max_connections INT UNSIGNED NOT NULL,
    enable_client_messages BOOLEAN NOT NULL DEFAULT FALSE,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    max_backend_events_per_second INT UNSIGNED NULL,
    max_client_events_per_second INT UNSIGNED NOT NULL,
    max_read_requests_per_second INT UNSIGNED NULL,
    max_presence_members_per_channel INT UNSIGNED NULL,
    max_presence_member_size_in_kb INT UNSIGNED NULL,
    max_channel_name_length INT UNSIGNED NULL,
    max_event_channels_at_once INT UNSIGNED NULL,
    max_event_name_length INT UNSIGNED NULL,
    max_event_payload_in_kb INT UNSIGNED NULL,
    max_event_batch_size INT UNSIGNED NULL,
    enable_user_authentication BOOLEAN NULL,
    enable_watchlist_events BOOLEAN NULL,
    policy JSON NULL,
    webhooks JSON NULL,
    allowed_origins JSON NULL,
    channel_delta_compression JSON NULL,
    idempotency JSON NULL,
    connection_recovery JSON NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One app. Change the secret before exposing the cluster anywhere.
INSERT INTO `applications` (id, `key`, secret, max_connections, enable_client_messages, enabled,
                            max_client_events_per_second, enable_user_authentication)
VALUES ('app-id', 'app-key', 'app-secret', 0, TRUE, TRUE, 100, FALSE);
