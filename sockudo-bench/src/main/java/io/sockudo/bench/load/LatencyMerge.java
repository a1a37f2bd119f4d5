package io.sockudo.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Delivery latencies of several generator processes as one distribution. Each holder writes its
 * histogram ({@code --histogram-out}); percentiles of the whole cannot be had from each
 * process's percentiles, so the histograms themselves are added up here.
 *
 * <pre>java -cp benchmarks.jar io.sockudo.bench.load.LatencyMerge --label NAME FILE...</pre>
 *
 * prints one {@code RESULT scenario=latency label=NAME deliveries=... latency_p50_ms=...} line.
 */
public final class LatencyMerge {

    private LatencyMerge() {
    }

    public static void main(String[] args) {
        String label = "merged";
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--label") && i + 1 < args.length) {
                label = args[++i];
            } else {
                files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: LatencyMerge --label NAME FILE...");
            System.exit(2);
        }
        result(label, merge(files)).print(System.out);
    }

    static Result result(String label, Histogram h) {
        return new Result("latency", label).put("deliveries", h.getTotalCount()).latency("latency", h);
    }

    /** Writes a histogram as one line of base64 (HdrHistogram's compressed encoding). */
    static void write(Histogram h, Path file) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        try {
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Histogram read(Path file) {
        try {
            byte[] bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (DataFormatException | RuntimeException e) {
            // not base64, or not HdrHistogram's encoding
            throw new IllegalArgumentException(file + " is not a latency histogram", e);
        }
    }

    /** The sum of every file's histogram, in microseconds as the holders record them. */
    static Histogram merge(List<Path> files) {
        Histogram sum = new Histogram(LoopStats.MAX_MICROS, 3);
        for (Path f : files) {
            sum.add(read(f));
        }
        return sum;
    }
}
