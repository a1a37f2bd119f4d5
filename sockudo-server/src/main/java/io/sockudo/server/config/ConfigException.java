package io.sockudo.server.config;

/**
 * A configuration the server cannot start with. The message names the file and key, or the
 * environment variable, and says what was expected; it is shown to the operator as one line.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        // no stack trace: the message is the whole story, and the launcher prints only it
        super(message, null, false, false);
    }
}
