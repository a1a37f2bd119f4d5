package io.sockudo.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration and where it came from.
 *
 * @param config          the settings
 * @param file            the file read, or empty when only defaults and the environment applied
 * @param unsupportedKeys sockudo settings that were given but that this server does not have yet
 *                        (dotted keys, in file order); they were ignored
 * @param unsupportedVariables sockudo's environment variables that were set but that this server does not
 *                        read, sorted; they were ignored
 */
public record LoadedConfig(ServerConfig config, Optional<Path> file, List<String> unsupportedKeys,
                           List<String> unsupportedVariables) {

    public LoadedConfig {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(file, "file");
        unsupportedKeys = List.copyOf(unsupportedKeys);
        unsupportedVariables = List.copyOf(unsupportedVariables);
    }
}
