package io.sockudo.bench.delta;

import java.util.List;

/** The fixed corpus every delta benchmark and reference script measures. */
final class DeltaBenchmarkData {
  static final long SEED = 0x5EED_DE17AL;

  private DeltaBenchmarkData() {
  }

  /** Enough pairs that a benchmark cycles through more data than fits a branch predictor. */
  static int count(DeltaCorpus.Size size) {
    switch (size) {
      case SMALL:
        return 256;
      case MEDIUM:
        return 64;
      default:
        return 16;
    }
  }

  static List<DeltaCorpus.Pair> pairs(DeltaCorpus.Size size) {
    return DeltaCorpus.pairs(size, count(size), SEED);
  }
}
