package io.sockudo.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads the server process from outside, the way an operator would: resident memory and CPU
 * time from {@code /proc/<pid>}, heap after a full collection through {@code jcmd}, open
 * sockets, TCP states on the server's port, and the Prometheus endpoint. A separate server
 * process keeps the generator's own memory out of these figures.
 */
final class ServerProbe {

    /** Linux reports process CPU time in clock ticks of 1/100 s ({@code USER_HZ}). */
    private static final long MICROS_PER_TICK = 10_000;

    private final long pid;
    private final URI metrics;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Resident and heap-used memory at one moment, in KiB. */
    record Memory(long rssKb, long heapUsedKb) {
    }

    ServerProbe(LoadOptions.Probe o) {
        this.pid = o.serverPid();
        this.metrics = o.metricsPort() > 0 ? URI.create("http://" + o.metricsHost() + ":" + o.metricsPort() + "/metrics") : null;
    }

    boolean hasProcess() {
        return pid > 0;
    }

    boolean hasMetrics() {
        return metrics != null;
    }

    /** VmRSS in KiB, or -1. */
    long rssKb() {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU time of the whole process, in microseconds, or -1. */
    long cpuMicros() {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name in parentheses may contain spaces: count fields after it
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MICROS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Open file descriptors of the server that are sockets, or -1. */
    int openSockets() {
        if (pid <= 0) {
            return -1;
        }
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (Stream<Path> s = Files.list(fds)) {
            return (int) s.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * TCP connections whose local port is {@code port}, by state: {established, close_wait,
     * time_wait, other}. A socket the server forgot to close shows up as CLOSE_WAIT.
     */
    static long[] tcpStates(int port) {
        long[] out = new long[4];
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 4 || !f[1].endsWith(hexPort)) {
                        continue;
                    }
                    switch (f[3]) {
                        case "01" -> out[0]++;
                        case "08" -> out[1]++;
                        case "06" -> out[2]++;
                        case "0A" -> { } // the listening socket
                        default -> out[3]++;
                    }
                }
            } catch (IOException e) {
                // no IPv6 table: nothing to count there
            }
        }
        return out;
    }

    /** A full collection in the server ({@code jcmd <pid> GC.run}), then a moment to settle. */
    void fullGc() {
        jcmd("GC.run");
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Heap in use in KiB according to {@code jcmd <pid> GC.heap_info}, or -1. */
    long heapUsedKb() {
        String info = jcmd("GC.heap_info");
        return info == null ? -1 : parseHeapUsed(info);
    }

    /** RSS and heap after a full collection. */
    Memory memoryAfterGc() {
        if (pid <= 0) {
            return new Memory(-1, -1);
        }
        fullGc();
        return new Memory(rssKb(), heapUsedKb());
    }

    /**
     * Sums the {@code used} of every heap space {@code GC.heap_info} lists at top level (G1:
     * "garbage-first heap"; Serial: "def new generation" and "tenured generation"; Parallel:
     * PSYoungGen and ParOldGen), leaving out Metaspace, which is not heap.
     */
    static long parseHeapUsed(String heapInfo) {
        long sum = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            if (line.length() < 2 || line.charAt(0) != ' ' || line.charAt(1) == ' ' || line.contains("Metaspace")
                    || !line.contains("total") || !line.contains("used ")) {
                continue;
            }
            int at = line.indexOf("used ") + 5;
            int end = line.indexOf('K', at);
            if (end > at) {
                try {
                    sum += Long.parseLong(line.substring(at, end).trim());
                    found = true;
                } catch (NumberFormatException e) {
                    // not a size: skip the line
                }
            }
        }
        return found ? sum : -1;
    }

    private String jcmd(String command) {
        if (pid <= 0) {
            return null;
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        ProcessBuilder pb = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), command)
                .redirectErrorStream(true);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The sum of every series of a metric (e.g. {@code sockudo_connected}), or NaN when unavailable. */
    double metric(String name) {
        return metric(name, null);
    }

    /** As {@link #metric(String)}, over the series whose labels contain {@code labelFilter}. */
    double metric(String name, String labelFilter) {
        if (metrics == null) {
            return Double.NaN;
        }
        String text;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Double.NaN;
            }
            text = r.body();
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name) || line.length() <= name.length()) {
                continue;
            }
            char next = line.charAt(name.length());
            if (next != ' ' && next != '{') {
                continue;
            }
            if (labelFilter != null && !line.contains(labelFilter)) {
                continue;
            }
            try {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return found ? sum : Double.NaN;
    }
}
