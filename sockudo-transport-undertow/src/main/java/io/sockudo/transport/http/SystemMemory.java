package io.sockudo.transport.http;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's memory as sockudo's {@code /usage} reports it: total, and used as total minus
 * what the kernel says is available (page cache counts as available, as in {@code free}).
 *
 * @param total bytes of memory in the machine (or the container's view of it)
 * @param used  bytes in use
 */
public record SystemMemory(long total, long used) {

    private static final Path MEMINFO = Path.of("/proc/meminfo");

    public long free() {
        return total - used;
    }

    /** Used as a percentage of total, 0 when the total is unknown. */
    public double percent() {
        return total == 0 ? 0 : used * 100.0 / total;
    }

    /** Reads it now: {@code /proc/meminfo} where there is one, else the JVM's view of the OS. */
    public static SystemMemory read() {
        try {
            long total = -1;
            long available = -1;
            List<String> lines = Files.readAllLines(MEMINFO);
            for (String line : lines) {
                if (line.startsWith("MemTotal:")) {
                    total = kib(line);
                } else if (line.startsWith("MemAvailable:")) {
                    available = kib(line);
                }
            }
            if (total > 0 && available >= 0) {
                return new SystemMemory(total, Math.max(0, total - available));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a format we do not know: ask the JVM
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long total = os.getTotalMemorySize();
        return new SystemMemory(total, Math.max(0, total - os.getFreeMemorySize()));
    }

    private static long kib(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }
}
