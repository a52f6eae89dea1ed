package org.allocationcommons.benchmarks.itc;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.itc.Stamp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of the ITC operations on stamps taken from populations of 1, 16, 256 and 4096 participants
 * (see {@link Population}: sponsored forks, events and gossip, seed 42). Each invocation uses the
 * next participant in turn, so the figures average over the whole population.
 *
 * <p>Run: {@code java -jar commons-benchmarks/target/benchmarks.jar StampBenchmark -f 1 -wi 2 -i 3
 * -w 1s -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StampBenchmark {

  @Param({"1", "16", "256", "4096"})
  public int participants;

  private Stamp[] stamps;
  private Stamp[] peeks;
  private byte[][] encoded;
  private String[] texts;
  private int next;

  @Setup(Level.Trial)
  public void build() {
    List<Stamp> live = Population.build(participants, 42);
    stamps = live.toArray(Stamp[]::new);
    peeks = new Stamp[stamps.length];
    encoded = new byte[stamps.length][];
    texts = new String[stamps.length];
    for (int i = 0; i < stamps.length; i++) {
      peeks[i] = stamps[i].peek();
      encoded[i] = stamps[i].toByteArray();
      texts[i] = stamps[i].toString();
    }
  }

  private int nextIndex() {
    int i = next + 1;
    if (i == stamps.length) {
      i = 0;
    }
    next = i;
    return i;
  }

  /** Sponsored join: split an id in two. */
  @Benchmark
  public Stamp.Fork fork() {
    return stamps[nextIndex()].fork();
  }

  /** Record an event (fill, else grow). */
  @Benchmark
  public Stamp event() {
    return stamps[nextIndex()].event();
  }

  /** Merge what another participant knows: join with its peek (the sync layer's merge rule). */
  @Benchmark
  public Stamp joinPeek() {
    int i = nextIndex();
    return stamps[i].join(peeks[(i + 1) % peeks.length]);
  }

  /** Compare two participants' histories (the sync layer's stale/newer/concurrent test). */
  @Benchmark
  public boolean leq() {
    int i = nextIndex();
    return stamps[i].leq(stamps[(i + 1) % stamps.length]);
  }

  /** The paper's bit encoding. */
  @Benchmark
  public byte[] encode() {
    return stamps[nextIndex()].toByteArray();
  }

  /** Decoding, with its normal-form and canonicality checks. */
  @Benchmark
  public Stamp decode() {
    return Stamp.fromByteArray(encoded[nextIndex()]);
  }

  /** The paper's text notation. */
  @Benchmark
  public String format() {
    return stamps[nextIndex()].toString();
  }

  /** Parsing the text notation. */
  @Benchmark
  public Stamp parse() {
    return Stamp.parse(texts[nextIndex()]);
  }
}
