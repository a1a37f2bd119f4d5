package io.sockudo.server.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads the configuration: defaults, then the file, then environment variables.
 *
 * <p>The file is the one given with {@code --config}, else {@code config/config.json} in the
 * working directory when there is one, else none. Its text may use {@code ${VAR}} and
 * {@code ${VAR:-default}}. Settings of sockudo's that this server does not have are ignored and
 * logged once, in one line, so that a sockudo config file starts the server as it is.
 */
public final class ConfigLoader {

    private static final System.Logger LOG = System.getLogger(ConfigLoader.class.getName());

    /** Where the launcher looks when no file is named, relative to the working directory. */
    public static final Path DEFAULT_FILE = Path.of("config", "config.json");

    private ConfigLoader() {
    }

    /**
     * @param file             the file named on the command line, or null
     * @param workingDirectory where to look for {@link #DEFAULT_FILE} when no file is named
     * @param env              the environment variables
     * @throws ConfigException when the file is missing or unreadable, or a setting is invalid
     */
    public static LoadedConfig load(Path file, Path workingDirectory, Map<String, String> env) {
        Path chosen = file;
        if (chosen != null) {
            if (!Files.isRegularFile(chosen)) {
                throw new ConfigException("config file not found: " + chosen);
            }
        } else {
            Path candidate = workingDirectory.resolve(DEFAULT_FILE);
            if (Files.isRegularFile(candidate)) {
                chosen = candidate;
            } else if (Files.isRegularFile(workingDirectory.resolve(Path.of("config", "config.toml")))) {
                LOG.log(System.Logger.Level.WARNING, "config/config.toml is not read: only JSON config files are supported");
            }
        }
        LoadedConfig loaded;
        if (chosen == null) {
            loaded = read(new LinkedHashMap<>(), "configuration", env, Optional.empty());
            LOG.log(System.Logger.Level.INFO, "no config file; using defaults and environment variables");
        } else {
            if (chosen.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".toml")) {
                throw new ConfigException(chosen + ": TOML config files are not supported; use the JSON form");
            }
            String text;
            try {
                text = Files.readString(chosen);
            } catch (CharacterCodingException e) {
                throw new ConfigException(chosen + ": not UTF-8 text");
            } catch (IOException e) {
                throw new ConfigException(chosen + ": cannot be read: " + e.getMessage());
            }
            loaded = fromText(text, chosen.toString(), env, Optional.of(chosen));
            LOG.log(System.Logger.Level.INFO, "config file " + chosen);
        }
        if (!loaded.unsupportedKeys().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "not supported yet, ignored: " + String.join(", ", loaded.unsupportedKeys()));
        }
        if (!loaded.unsupportedVariables().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "environment variables not supported yet, ignored: "
                    + String.join(", ", loaded.unsupportedVariables()));
        }
        return loaded;
    }

    /** Reads config text as if it were a file named {@code origin}; logs nothing. */
    static LoadedConfig fromText(String text, String origin, Map<String, String> env) {
        return fromText(text, origin, env, Optional.empty());
    }

    @SuppressWarnings("unchecked")
    private static LoadedConfig fromText(String text, String origin, Map<String, String> env, Optional<Path> file) {
        Object tree = JsonTree.parse(EnvSubstitution.apply(text, env, origin), origin);
        if (!(tree instanceof Map)) {
            throw new ConfigException(origin + ": expected a JSON object at the top level, got " + ConfigNode.describe(tree));
        }
        return read((Map<String, Object>) tree, origin, env, file);
    }

    private static LoadedConfig read(Map<String, Object> tree, String origin, Map<String, String> env, Optional<Path> file) {
        new EnvOverlay(env).apply(tree, origin);
        ConfigNode root = ConfigNode.root(tree, origin);
        Drivers.check(root);
        ServerConfig config = ServerConfigReader.read(root);
        List<String> unsupported = root.unsupportedKeys();
        return new LoadedConfig(config, file, unsupported, SockudoVariables.unread(env, EnvOverlay.readVariables()));
    }
}
