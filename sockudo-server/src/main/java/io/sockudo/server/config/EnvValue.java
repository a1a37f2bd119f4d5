package io.sockudo.server.config;

/**
 * A setting taken from an environment variable, placed in the config tree where the file's
 * value would be. It keeps the variable's name so that a bad value is reported as the variable,
 * not as a key the operator never wrote.
 */
record EnvValue(String name, String text) {
}
