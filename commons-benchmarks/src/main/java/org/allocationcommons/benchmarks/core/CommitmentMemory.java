package org.allocationcommons.benchmarks.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.matching.CompatibilityIndex;
import org.allocationcommons.core.model.Commitment;

/**
 * Heap used by 100,000 commitments (each with 10 need slots, as in {@link SyntheticCommons}) and by
 * the index over their need slots, measured as used heap after GC before and after building them.
 * A harness, not a JMH benchmark: {@code java -Xmx4g -cp commons-benchmarks/target/benchmarks.jar
 * org.allocationcommons.benchmarks.core.CommitmentMemory [commitments]}.
 */
public final class CommitmentMemory {

  private CommitmentMemory() {}

  /** Prints bytes per commitment and per indexed need slot. */
  public static void main(String[] args) throws InterruptedException {
    int commitments = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    long base = usedAfterGc();
    AllocationInput input = SyntheticCommons.input(1, commitments * 10, 7);
    Map<String, Commitment> network = input.networkCommitments();
    long withCommitments = usedAfterGc();
    CompatibilityIndex index = CompatibilityIndex.of(network, input.providerId());
    long withIndex = usedAfterGc();
    List<Object> keep = new ArrayList<>(List.of(input, index));
    double perCommitment = (withCommitments - base) / (double) network.size();
    double perNeed = (withIndex - withCommitments) / (double) index.size();
    System.out.printf(
        "%d commitments (%d need slots): %.1f MiB, %.0f bytes per commitment%n",
        network.size(), index.size(), (withCommitments - base) / 1048576.0, perCommitment);
    System.out.printf(
        "index over %d need slots: %.1f MiB, %.0f bytes per need slot%n",
        index.size(), (withIndex - withCommitments) / 1048576.0, perNeed);
    System.out.println("(kept " + keep.size() + " roots alive until measured)");
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      best = Math.min(best, rt.totalMemory() - rt.freeMemory());
    }
    return best;
  }
}
