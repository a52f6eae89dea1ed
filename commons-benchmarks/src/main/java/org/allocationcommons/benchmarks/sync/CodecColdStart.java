package org.allocationcommons.benchmarks.sync;

import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.codec.Codec;

/**
 * Issue 11: the cold start of the codec, what a new process pays before its first document. One run
 * per JVM (a cold start can only be measured once per process): it prints, in milliseconds since
 * {@code main} began, when the default codec was built, a typical commitment built (outside the codec), written, read back, and
 * an allocation state read. Run it several times and take the median, on an idle machine:
 *
 * <pre>{@code
 * for i in $(seq 9); do java -cp commons-benchmarks/target/benchmarks.jar \
 *     org.allocationcommons.benchmarks.sync.CodecColdStart; done
 * }</pre>
 */
public final class CodecColdStart {

  private CodecColdStart() {}

  /**
   * Measures one cold start and prints it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    long t0 = System.nanoTime();
    Codec codec = Codec.defaults();
    long built = System.nanoTime();
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
    long made = System.nanoTime();
    byte[] json = codec.write(c);
    long written = System.nanoTime();
    Commitment back = codec.read(json, Commitment.class);
    long read = System.nanoTime();
    byte[] state =
        ("{\"slot_denominators\":{},\"slot_allocations\":[],\"recipient_totals\":{\"bob-key\":2.5},"
                + "\"converged\":false,\"convergenceHistory\":[],\"itcStamp\":{\"id\":1,\"event\":0},"
                + "\"timestamp\":1700000000000}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    AllocationState s = codec.read(state, AllocationState.class);
    long stateRead = System.nanoTime();
    if (!back.equals(c) || s.totalFor("bob-key") != 2.5) {
      throw new AssertionError("round trip changed the documents");
    }
    System.out.printf(
        "codec built %.1f ms, commitment built %.1f ms, written %.1f ms, read %.1f ms, state read %.1f ms"
            + " (total %.1f ms)%n",
        ms(built - t0), ms(made - built), ms(written - made), ms(read - written), ms(stateRead - read), ms(stateRead - t0));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
