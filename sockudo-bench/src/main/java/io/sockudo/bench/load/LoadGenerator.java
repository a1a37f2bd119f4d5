package io.sockudo.bench.load;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * The load generator: real WebSocket connections speaking the Pusher protocol to a server on
 * this machine, with publishes through the signed HTTP API. See {@link LoadOptions#USAGE} and
 * docs/benchmarks.md.
 *
 * <p>It stops by itself: a watchdog ends the process once {@code --max-seconds} (at most 600)
 * have passed, whatever the run is doing.
 *
 * <p>Exit status: 0 after a run (its figures say how it went), 2 for a bad command line, 3 when
 * the watchdog had to stop it.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        LoadOptions o;
        try {
            o = LoadOptions.parse(args);
            int budget = LoadOptions.socketBudget(maxOpenFiles());
            int needed = o.mode() == LoadOptions.Mode.CHURN ? o.churn().users() : o.connect().connections();
            if (needed > budget) {
                throw new IllegalArgumentException(needed + " connections do not fit this process's open-files limit ("
                        + maxOpenFiles() + "): run several generator processes of at most " + budget + " each");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("load generator: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        watchdog(o);
        switch (o.mode()) {
            case IDLE -> new IdleRun(o, out).run();
            case FANOUT -> new FanoutRun(o, out).run();
            case HOLD -> new HoldRun(o, out).run();
            case CHURN -> new ChurnRun(o, out).run();
            case PRESENCE -> new PresenceRun(o, out).run();
            case WRK_SCRIPT -> WrkScript.write(o, Path.of(o.wrkScript()));
            case MASS_CLOSE -> new MassCloseRun(o, out).run();
            case PUBLISH -> new PublishRun(o, out).run();
        }
        out.flush();
        System.exit(0);
    }

    private static void watchdog(LoadOptions o) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(o.maxRun().toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("load generator: --max-seconds " + o.maxRun().toSeconds() + " reached; stopping");
            Runtime.getRuntime().halt(3);
        }, "watchdog");
        t.setDaemon(true);
        t.start();
    }

    static long maxOpenFiles() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : 20_000;
    }
}
