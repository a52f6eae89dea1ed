package org.allocationcommons.benchmarks.sync;

import java.util.concurrent.TimeUnit;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.Violation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 13: steady-state cost of decoding a typical commitment (3 need slots, a few recognition
 * weights, a forked stamp) with {@link Codec#read}, split into binding alone ({@code bind}: the
 * codec's databind mapper, no validation) and validation alone ({@code validate}) to show which
 * dominates; {@code read} takes the codec's streaming path, {@code bind} the databind path it falls
 * back to. {@code write} is the cost of publishing one.
 *
 * <p>Run: {@code java -jar commons-benchmarks/target/benchmarks.jar CodecBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {

  private Codec codec;
  private byte[] json;
  private Commitment decoded;

  @Setup(Level.Trial)
  public void build() {
    codec = Codec.defaults();
    Stamp.Fork forked = Stamp.seed().fork();
    Commitment c =
        Commitment.builder("alice-key")
            .needSlot(
                NeedSlot.builder("n1").name("tea").quantity(3).unit("kg").city("Lyon").build(),
                NeedSlot.builder("n2").name("bread").quantity(2).dates("2026-01-01", "2026-01-31").build(),
                NeedSlot.builder("n3").name("rides").quantity(5).coordinates(45.76, 4.84).build())
            .recognize("bob-key", 0.5)
            .recognize("carol-key", 0.25)
            .itcStamp(forked.left().event())
            .timestamp(1_700_000_000_000L)
            .build();
    json = codec.write(c);
    decoded = codec.read(json, Commitment.class);
  }

  /** Parse, bind and validate: what a received commitment costs. */
  @Benchmark
  public Commitment read() {
    return codec.read(json, Commitment.class);
  }

  /** Validate and write: what publishing a commitment costs before signing. */
  @Benchmark
  public byte[] write() {
    return codec.write(decoded);
  }

  /** Parse and bind only through databind (no constraint checks). */
  @Benchmark
  public Commitment bind() {
    return codec.mapper().readValue(json, Commitment.class);
  }

  /** Constraint checks only, on an already decoded commitment. */
  @Benchmark
  public java.util.List<Violation> validate() {
    return codec.validate(decoded);
  }
}
