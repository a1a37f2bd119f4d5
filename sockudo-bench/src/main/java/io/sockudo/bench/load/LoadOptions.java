package io.sockudo.bench.load;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * One run of the load generator, as given on the command line. Hard limits keep a mistyped
 * number from turning a benchmark into a denial of service of the machine: at most
 * {@value #MAX_CONNECTIONS} connections, {@value #MAX_SECONDS} seconds, loopback only.
 */
record LoadOptions(Mode mode, Target target, Connect connect, Subscribe subscribe, Publish publish, Probe probe,
                   Churn churn, Presence presence, Duration hold, Duration maxRun, String label, String wrkScript,
                   int wrkRequests, int warmupConnections, Window window) {

    static final int MAX_CONNECTIONS = 60_000;
    static final int MAX_SECONDS = 600;
    /** File descriptors the JVM and the publisher need besides the client sockets. */
    static final int RESERVED_FDS = 200;

    enum Mode {
        /** Connect and subscribe, hold, read the server's memory. */
        IDLE,
        /** Connect and subscribe, then publish at each rate in turn and count deliveries. */
        FANOUT,
        /** Connect and subscribe, then only count what someone else publishes. */
        HOLD,
        /** Virtual users connect, subscribe and leave in a loop; then look for leaks. */
        CHURN,
        /** Members join one presence channel, then leave; count member events. */
        PRESENCE,
        /** Write a wrk Lua script replaying pre-signed publish requests, then exit. */
        WRK_SCRIPT,
        /** Connect and subscribe, then close every connection at once; time it and probe the server meanwhile. */
        MASS_CLOSE,
        /** No clients: publish at each rate in turn, for subscribers other processes hold. */
        PUBLISH
    }

    enum ServerKind { SOCKUDO, BASELINE }

    enum ChannelType {
        PUBLIC(""), PRIVATE("private-"), PRESENCE("presence-");

        final String prefix;

        ChannelType(String prefix) {
            this.prefix = prefix;
        }
    }

    record Target(ServerKind kind, String host, InetAddress address, int port, String appId, String key, String secret) {
    }

    /**
     * @param connections sockets to open (per generator process)
     * @param sources     source addresses 127.0.0.2.. to spread them over; 0 lets the kernel choose
     * @param loops       selector threads
     * @param rate        connection attempts per second, 0 for as fast as {@code maxPending} allows
     * @param maxPending  connections between the first SYN and subscribed, at most
     * @param timeout     how long the connect phase may take, and each connection's handshake
     */
    record Connect(int connections, List<InetAddress> sources, int loops, int rate, int maxPending, Duration timeout) {
    }

    /**
     * @param channels      channels; connection i joins channel i mod channels
     * @param type          public, private or presence
     * @param prefix        channel names are {@code <type prefix><prefix>-<n>}
     * @param deltaFraction the share of connections that ask for delta compression
     * @param subscribe     whether to subscribe at all (idle connections without channels are possible)
     */
    record Subscribe(int channels, ChannelType type, String prefix, double deltaFraction, boolean subscribe) {

        String channel(int n) {
            return type.prefix + prefix + "-" + n;
        }
    }

    /**
     * @param rates        publishes per second, one measured step each
     * @param step         how long each step publishes
     * @param drain        how long to wait after a step for deliveries still on their way
     * @param payloadBytes approximate size of each event's data
     * @param symbols      distinct {@code sym} values cycled through (a ticker stream), 0 for none
     * @param maxInFlight  publish requests awaiting an answer, at most; beyond, a publish is skipped and counted
     * @param randomChannel publish to a random channel rather than round robin
     * @param warmup       publishing at the first rate before the measured steps, unreported, so the
     *                     server's JIT has compiled the path being measured
     */
    record Publish(List<Integer> rates, Duration step, Duration drain, int payloadBytes, int symbols, int maxInFlight,
                   boolean randomChannel, Duration warmup) {
    }

    /**
     * @param serverPid   the server process, for RSS, heap, CPU and open sockets; 0 for none
     * @param metricsPort the server's Prometheus port, 0 for none
     * @param metricsHost the metrics listener's host
     */
    record Probe(long serverPid, int metricsPort, String metricsHost) {
    }

    /**
     * @param users          virtual users cycling at the same time
     * @param duration       how long they cycle
     * @param abruptFraction the share of cycles ending with a reset instead of a close handshake
     */
    record Churn(int users, Duration duration, double abruptFraction) {
    }

    /**
     * How a hold ends and what it leaves behind, for runs whose subscribers are spread over
     * several generator processes (one per node of a cluster).
     *
     * @param untilFile     the hold ends as soon as this file exists (or after the hold seconds); null for none
     * @param histogramFile where to write the delivery latencies, for {@link LatencyMerge}; null for none
     */
    record Window(String untilFile, String histogramFile) {
    }

    /** @param joinRate joins (and later leaves) per second */
    record Presence(int joinRate) {
    }

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -cp benchmarks.jar io.sockudo.bench.load.LoadGenerator --mode MODE --port PORT [options]",
            "",
            "modes: idle | fanout | hold | churn | presence | wrk-script | mass-close | publish",
            "",
            "target:    --server sockudo|baseline  --host 127.0.0.1  --port N",
            "           --app-id app-id --key app-key --secret app-secret",
            "connect:   --connections N (<= 60000)  --sources N (127.0.0.2.., default 1)  --source-offset N (0)  --loops N (1)",
            "           --connect-rate N/s (0: unpaced)  --max-pending N (256)  --connect-timeout S (120)",
            "subscribe: --channels N (1)  --channel-type public|private|presence  --channel-prefix bench",
            "           --delta-fraction 0..1 (0)  --subscribe true|false (true)",
            "publish:   --rates 100,200,...  --step-seconds S (10)  --drain-seconds S (5)  --payload-bytes N (100)",
            "           --symbols N (0)  --max-in-flight N (256)  --random-channel true|false  --warmup-seconds S (0)",
            "probe:     --server-pid PID  --metrics-port N  --metrics-host 127.0.0.1",
            "churn:     --users N (100)  --churn-seconds S (20)  --abrupt-fraction 0..1 (0.5)",
            "presence:  --join-rate N/s (500)",
            "run:       --hold-seconds S (5)  --max-seconds S (300, <= 600)  --label TEXT",
            "idle:      --warmup-connections N (0): opened and closed before the memory baseline is read",
            "hold:      --until-file FILE: end once it exists and --drain-seconds passed without a delivery",
            "           --histogram-out FILE: write the delivery latencies for LatencyMerge",
            "wrk:       --wrk-script FILE  --wrk-requests N (1000)");

    static LoadOptions parse(String[] argv) {
        Args a = new Args(argv);
        Mode mode = switch (a.string("mode", "")) {
            case "idle" -> Mode.IDLE;
            case "fanout" -> Mode.FANOUT;
            case "hold" -> Mode.HOLD;
            case "churn" -> Mode.CHURN;
            case "presence" -> Mode.PRESENCE;
            case "wrk-script" -> Mode.WRK_SCRIPT;
            case "mass-close" -> Mode.MASS_CLOSE;
            case "publish" -> Mode.PUBLISH;
            default -> throw new IllegalArgumentException(
                    "--mode is required: idle, fanout, hold, churn, presence, wrk-script, mass-close or publish");
        };
        ServerKind kind = switch (a.string("server", "sockudo")) {
            case "sockudo" -> ServerKind.SOCKUDO;
            case "baseline" -> ServerKind.BASELINE;
            default -> throw new IllegalArgumentException("--server is sockudo or baseline");
        };
        String host = a.string("host", "127.0.0.1");
        int port = a.integer("port", 0, 1, 65535);
        if (port == 0) {
            throw new IllegalArgumentException("--port is required");
        }
        Target target = new Target(kind, host, Loopback.target(host), port,
                a.string("app-id", "app-id"), a.string("key", "app-key"), a.string("secret", "app-secret"));

        int maxSeconds = a.integer("max-seconds", 300, 1, MAX_SECONDS);
        Connect connect = new Connect(
                a.integer("connections", mode == Mode.PUBLISH ? 0 : 100, 0, MAX_CONNECTIONS),
                Loopback.sources(a.integer("sources", 1, 0, Loopback.MAX_SOURCES),
                        a.integer("source-offset", 0, 0, Loopback.MAX_SOURCES)),
                a.integer("loops", 1, 1, 8),
                a.integer("connect-rate", 0, 0, 1_000_000),
                a.integer("max-pending", 256, 1, 10_000),
                Duration.ofSeconds(a.integer("connect-timeout", 120, 1, MAX_SECONDS)));

        ChannelType type = switch (a.string("channel-type", "public")) {
            case "public" -> ChannelType.PUBLIC;
            case "private" -> ChannelType.PRIVATE;
            case "presence" -> ChannelType.PRESENCE;
            default -> throw new IllegalArgumentException("--channel-type is public, private or presence");
        };
        String subscribeFlag = a.string("subscribe", "true");
        Subscribe subscribe = new Subscribe(
                a.integer("channels", 1, 1, MAX_CONNECTIONS),
                mode == Mode.PRESENCE ? ChannelType.PRESENCE : type,
                a.string("channel-prefix", "bench"),
                a.decimal("delta-fraction", 0, 0, 1),
                !subscribeFlag.equals("false"));

        Publish publish = new Publish(
                a.integers("rates", List.of(100), 1, 1_000_000),
                Duration.ofSeconds(a.integer("step-seconds", 10, 1, MAX_SECONDS)),
                Duration.ofSeconds(a.integer("drain-seconds", 5, 0, 120)),
                a.integer("payload-bytes", 100, 0, 60_000),
                a.integer("symbols", 0, 0, 100_000),
                a.integer("max-in-flight", 256, 1, 10_000),
                a.flag("random-channel"),
                Duration.ofSeconds(a.integer("warmup-seconds", 0, 0, MAX_SECONDS)));

        Probe probe = new Probe(a.integer("server-pid", 0, 0, Integer.MAX_VALUE),
                a.integer("metrics-port", 0, 0, 65535), a.string("metrics-host", "127.0.0.1"));
        Loopback.target(probe.metricsHost());

        Churn churn = new Churn(a.integer("users", 100, 1, MAX_CONNECTIONS),
                Duration.ofSeconds(a.integer("churn-seconds", 20, 1, MAX_SECONDS)),
                a.decimal("abrupt-fraction", 0.5, 0, 1));
        Presence presence = new Presence(a.integer("join-rate", 500, 1, 1_000_000));

        LoadOptions o = new LoadOptions(mode, target, connect, subscribe, publish, probe, churn, presence,
                Duration.ofSeconds(a.integer("hold-seconds", 5, 0, MAX_SECONDS)),
                Duration.ofSeconds(maxSeconds),
                a.string("label", mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + kind.name().toLowerCase(java.util.Locale.ROOT)),
                a.string("wrk-script", null),
                a.integer("wrk-requests", 1000, 1, 100_000),
                a.integer("warmup-connections", 0, 0, MAX_CONNECTIONS),
                new Window(a.string("until-file", null), a.string("histogram-out", null)));
        a.requireAllUsed();
        if (mode == Mode.WRK_SCRIPT && o.wrkScript() == null) {
            throw new IllegalArgumentException("--mode wrk-script needs --wrk-script FILE");
        }
        if (mode == Mode.PUBLISH && o.connect().connections() != 0) {
            throw new IllegalArgumentException("--mode publish opens no connections: leave out --connections or give 0");
        }
        if (kind == ServerKind.BASELINE && (mode == Mode.CHURN || mode == Mode.PRESENCE || mode == Mode.WRK_SCRIPT)) {
            throw new IllegalArgumentException("the baseline server has no channels: use it with idle, fanout or hold");
        }
        return o;
    }

    /** Sockets this process may open: the cap, and what the open-files limit leaves. */
    static int socketBudget(long maxOpenFiles) {
        return (int) Math.min(MAX_CONNECTIONS, Math.max(0, maxOpenFiles - RESERVED_FDS));
    }
}
