package io.sockudo.bench.delta;

import io.sockudo.delta.DeltaCodec;
import io.sockudo.delta.DeltaDecoder;
import io.sockudo.delta.DeltaEncoder;
import io.sockudo.delta.DeltaOutput;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode throughput of the delta codecs on consecutive JSON messages of ~0.8 KB,
 * ~12 KB and ~100 KB (see {@link DeltaCorpus}). One operation is one message, so the score is
 * messages per second; MB/s is that times the mean target size, which {@code run-benchmarks.sh}
 * prints next to it.
 *
 * <ul>
 *   <li>{@code encode}, {@code decode}: the server's hot path, a reused {@link DeltaEncoder} or
 *       {@link DeltaDecoder} per thread writing into a reused {@link DeltaOutput}; allocates
 *       nothing per message.
 *   <li>{@code encodeAllocating}: {@link DeltaCodec#encode(byte[], byte[])}, which builds fresh
 *       scratch state and returns a new array every call, to show what reuse saves.
 * </ul>
 *
 * <pre>java -jar sockudo-bench/target/benchmarks.jar DeltaCodecBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// many short iterations: on a shared machine the best of them shows the code, not the neighbours
@Warmup(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 25, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DeltaCodecBenchmark {

  @Param({"fossil", "xdelta3"})
  public String codec;

  @Param({"SMALL", "MEDIUM", "LARGE"})
  public DeltaCorpus.Size size;

  private byte[][] bases;
  private byte[][] targets;
  private byte[][] deltas;
  private DeltaCodec deltaCodec;
  private DeltaEncoder encoder;
  private DeltaDecoder decoder;
  private final DeltaOutput out = new DeltaOutput(1 << 16);
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    deltaCodec = DeltaCodec.forName(codec);
    encoder = deltaCodec.newEncoder();
    decoder = deltaCodec.newDecoder();
    List<DeltaCorpus.Pair> pairs = DeltaBenchmarkData.pairs(size);
    bases = new byte[pairs.size()][];
    targets = new byte[pairs.size()][];
    deltas = new byte[pairs.size()][];
    for (int i = 0; i < pairs.size(); i++) {
      bases[i] = pairs.get(i).base();
      targets[i] = pairs.get(i).target();
      deltas[i] = deltaCodec.encode(bases[i], targets[i]);
    }
  }

  private int nextPair() {
    int i = next;
    next = i + 1 == bases.length ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public int encode() {
    int i = nextPair();
    byte[] base = bases[i];
    byte[] target = targets[i];
    out.reset();
    return encoder.encode(base, 0, base.length, target, 0, target.length, out);
  }

  @Benchmark
  public byte[] encodeAllocating() {
    int i = nextPair();
    return deltaCodec.encode(bases[i], targets[i]);
  }

  @Benchmark
  public int decode() {
    int i = nextPair();
    byte[] base = bases[i];
    byte[] delta = deltas[i];
    out.reset();
    return decoder.decode(base, 0, base.length, delta, 0, delta.length, out);
  }
}
