package org.allocationcommons.benchmarks.core;

import java.util.concurrent.TimeUnit;
import org.allocationcommons.core.allocation.Allocation;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.allocation.AllocationResult;
import org.allocationcommons.core.matching.CompatibilityIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One provider's allocation against a synthetic commons ({@link SyntheticCommons}): {@code slots}
 * capacity slots against {@code needs} need slots. {@code allocate*} includes building the index
 * (what a node pays on every recomputation); {@code buildIndex} is the index alone;
 * {@code allocateWithPrebuiltIndex} the allocation alone.
 *
 * <p>Run (see docs/algorithm.md for the figures), e.g.:
 * {@code java -Xmx6g -jar commons-benchmarks/target/benchmarks.jar AllocationBenchmark -f 1 -wi 2 -i 3
 * -w 1s -r 1s -p slots=10 -p needs=1000}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
public class AllocationBenchmark {

  /** Capacity slots of the provider. */
  @Param({"10", "1000", "10000"})
  public int slots;

  /** Need slots in the network (10 per recipient). */
  @Param({"1000", "100000", "1000000"})
  public int needs;

  private AllocationInput input;
  private CompatibilityIndex index;

  /** Builds the commons once per trial (seeded, so every run sees the same data). */
  @Setup(Level.Trial)
  public void setUp() {
    input = SyntheticCommons.input(slots, needs, 42);
    index = CompatibilityIndex.of(input.networkCommitments(), input.providerId());
  }

  /** FAITHFUL, index included. */
  @Benchmark
  public AllocationResult allocateFaithful() {
    return Allocation.compute(input, AllocationPolicy.FAITHFUL);
  }

  /** WATER_FILLING, index included. */
  @Benchmark
  public AllocationResult allocateWaterFilling() {
    return Allocation.compute(input, AllocationPolicy.WATER_FILLING);
  }

  /** FAITHFUL on a prebuilt index. */
  @Benchmark
  public AllocationResult allocateWithPrebuiltIndex() {
    return Allocation.compute(input, AllocationPolicy.FAITHFUL, index);
  }

  /** Building the index over all need slots. */
  @Benchmark
  public CompatibilityIndex buildIndex() {
    return CompatibilityIndex.of(input.networkCommitments(), input.providerId());
  }
}
