package io.sockudo.server;

import io.sockudo.server.config.ConfigException;
import io.sockudo.server.config.ConfigLoader;
import io.sockudo.server.config.ConfigPrinter;
import io.sockudo.server.config.ConsoleLogging;
import io.sockudo.server.config.LoadedConfig;
import io.sockudo.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code java -jar sockudo-server.jar [--config FILE]}: reads the configuration, starts the
 * server and stops it gracefully on SIGTERM or SIGINT.
 *
 * <p>Exit status: 0 after {@code --help} and {@code --print-config}, 2 for a bad command line or configuration, 1 when the
 * server cannot start (port taken, ...) or takes too long to stop, 143 after SIGTERM.
 */
public final class Main {

    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    static final int BAD_CONFIG = 2;
    static final int CANNOT_START = 1;
    static final int STOP_TIMED_OUT = 1;

    /**
     * What stopping may take beyond {@code shutdown_grace_period}: closing the listener and the
     * I/O threads (up to a second) and the least time queued webhooks get (a second). If stopping
     * takes longer than the grace plus this, the process is halted rather than left hanging.
     */
    static final Duration SHUTDOWN_MARGIN = Duration.ofMillis(2700);

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar sockudo-server.jar [--config FILE] [--print-config]",
            "",
            "  --config FILE   a sockudo config.json; without it, config/config.json in the",
            "                  working directory is read when present, else the defaults apply",
            "  --print-config  print the effective configuration as JSON, secrets masked, and exit",
            "  --help          this text",
            "",
            "Environment variables (PORT, HOST, SOCKUDO_DEFAULT_APP_ID, ...) override the file;",
            "see docs/configuration.md.");

    private Main() {
    }

    public static void main(String[] args) {
        ConsoleLogging.install(false);
        Path configFile = null;
        boolean printConfig = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(USAGE);
                return;
            } else if (arg.equals("--print-config")) {
                printConfig = true;
            } else if (arg.equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (arg.startsWith("--config=") && arg.length() > "--config=".length()) {
                configFile = Path.of(arg.substring("--config=".length()));
            } else {
                throw fail(BAD_CONFIG, (arg.equals("--config") ? "--config needs a file" : "unknown argument: " + arg)
                        + System.lineSeparator() + USAGE);
            }
        }

        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(configFile, Path.of("").toAbsolutePath(), System.getenv());
        } catch (ConfigException e) {
            throw fail(BAD_CONFIG, e.getMessage());
        }
        ServerConfig config = loaded.config();
        if (printConfig) {
            System.out.println(ConfigPrinter.toJson(config));
            return;
        }
        if (config.debug()) {
            ConsoleLogging.install(true);
        }
        boolean appsInMemory = config.stores().appStore().memory();
        if (appsInMemory && config.apps().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "no apps configured: every connection and API request will be refused");
        }

        SockudoServer server;
        try {
            server = SockudoServer.builder()
                    .config(config)
                    .start();
        } catch (RuntimeException e) {
            if (config.debug()) {
                e.printStackTrace();
            }
            throw fail(CANNOT_START, "could not start on " + config.host() + ":" + config.port() + ": " + causes(e));
        }
        Duration deadline = config.shutdownGracePeriod().plus(SHUTDOWN_MARGIN);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, deadline), "sockudo-shutdown"));
        if (config.listener().tls().enabled()) {
            Hangup.onHangup(server::reloadTls);
        }
        LOG.log(System.Logger.Level.INFO, "listening on " + config.host() + ":" + server.port()
                + " with " + (appsInMemory ? config.apps().size() + (config.apps().size() == 1 ? " app" : " apps")
                        : "apps from " + config.stores().appStore().driver())
                + (config.listener().tls().enabled() ? " (TLS" + (server.redirectPort() >= 0
                        ? ", port " + server.redirectPort() + " redirects to it)" : ")") : "")
                + (config.listener().pathPrefix().isEmpty() ? "" : " under " + config.listener().pathPrefix())
                + "; metrics " + (server.metricsPort() >= 0
                        ? "on " + config.metrics().host() + ":" + server.metricsPort() : "off"));
        try {
            server.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs in the shutdown hook: tells clients to reconnect elsewhere (4200), then stops. */
    private static void stop(SockudoServer server, Duration deadline) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(deadline.toMillis());
                ConsoleLogging.printDirect(System.Logger.Level.ERROR, Main.class.getName(),
                        "stopping took longer than " + deadline.toMillis() + " ms; halting");
                Runtime.getRuntime().halt(STOP_TIMED_OUT);
            } catch (InterruptedException e) {
                // stopped in time
            }
        }, "sockudo-shutdown-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
        long start = System.nanoTime();
        ConsoleLogging.printDirect(System.Logger.Level.INFO, Main.class.getName(), "stopping");
        server.close();
        ConsoleLogging.printDirect(System.Logger.Level.INFO, Main.class.getName(),
                "stopped in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        watchdog.interrupt();
    }

    /** "Address already in use" rather than a wrapper's class name: every message down the cause chain. */
    private static String causes(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (out.indexOf(m) < 0) {
                out.append(out.length() == 0 ? "" : ": ").append(m);
            }
        }
        return out.toString();
    }

    /** Prints the reason and exits; returns only to let callers write {@code throw fail(...)}. */
    private static IllegalStateException fail(int status, String message) {
        System.err.println("sockudo: " + message);
        System.exit(status);
        return new IllegalStateException(message);
    }
}
