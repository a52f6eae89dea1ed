package org.allocationcommons.sync.inbound;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.IntSupplier;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.envelope.Envelopes;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.PubKeys;
import org.allocationcommons.sync.envelope.VerificationCache;
import org.allocationcommons.sync.spi.DocumentPaths;

/**
 * Measures what a replayed delivery costs the receiver (SPEC 7, "Work"): opening it as today's node
 * does for every delivery (verify, parse, validate), against the {@link InboundGuard}'s hash; and
 * the verify time of the largest accepted document. CPU time of this thread, median of rounds.
 *
 * <pre>java -cp &lt;commons-sync test classpath&gt; org.allocationcommons.sync.inbound.ReplayCostHarness</pre>
 */
public final class ReplayCostHarness {

  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private ReplayCostHarness() {}

  public static void main(String[] args) {
    Codec codec = Codec.defaults();
    Envelopes envelopes = Envelopes.using(codec);
    Identity alice = Identity.generate();
    String path = DocumentPaths.of(alice.pubKey(), DocumentPaths.COMMITMENT);

    byte[] large = largestCommitment(codec, envelopes, alice, path);
    byte[] small = envelopes.seal(alice, path,
        Commitment.builder(alice.pubKey()).itcStamp(Stamp.seed().event()).timestamp(42)
            .needSlot(NeedSlot.of("n1", "food", 3)).build());
    System.out.printf("largest commitment: %,d bytes (limit %,d); small: %,d bytes%n",
        large.length, codec.maxDocumentBytes(), small.length);

    long c0 = MX.getCurrentThreadCpuTime();
    envelopes.open(path, large);
    System.out.printf("first open of the largest (cold JVM, validator bootstrap included): %.1f ms CPU%n",
        (MX.getCurrentThreadCpuTime() - c0) / 1e6);
    c0 = MX.getCurrentThreadCpuTime();
    envelopes.open(path, large);
    System.out.printf("second open of the largest: %.1f ms CPU%n", (MX.getCurrentThreadCpuTime() - c0) / 1e6);

    for (byte[] env : List.of(large, small)) {
      String size = String.format("%,d B", env.length);
      byte[][] sigParts = signedPartsOf(env, path);
      report("open (verify+parse+validate), " + size, env == large ? 15 : 300, () -> envelopes.open(path, env).hashCode());
      report("verify only, " + size, env == large ? 30 : 300,
          () -> Identity.verify(alice.pubKey(), sigParts[0], sigParts[1]) ? 1 : 0);
      InboundGuard guard = InboundGuard.builder(() -> 0).budget(InboundBudget.unlimited()).build();
      guard.admit(path, env).settle(Outcome.ACCEPTED);
      report("replay dropped by InboundGuard (hash), " + size, env == large ? 200 : 5000,
          () -> guard.admit(path, env).admitted() ? 1 : 0);
      VerificationCache cache = VerificationCache.bounded(16);
      cache.verify(alice.pubKey(), sigParts[0], sigParts[1]);
      report("VerificationCache hit, " + size, env == large ? 200 : 5000,
          () -> cache.verify(alice.pubKey(), sigParts[0], sigParts[1]) ? 1 : 0);
    }
    String key = alice.pubKey();
    report("PubKeys.isValid, a key seen before", 20_000, () -> PubKeys.isValid(key) ? 1 : 0);
    List<String> fresh = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      fresh.add(Identity.generate().pubKey());
    }
    int[] next = {0};
    report("PubKeys.isValid, a key never seen", 1_000, () -> PubKeys.isValid(fresh.get(next[0]++ % fresh.size())) ? 1 : 0);
  }

  private static byte[] largestCommitment(Codec codec, Envelopes envelopes, Identity alice, String path) {
    int n = 30_000;
    while (true) {
      List<NeedSlot> slots = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        slots.add(NeedSlot.of("need-" + i, "food", 1 + i % 7));
      }
      Commitment c = Commitment.builder(alice.pubKey()).itcStamp(Stamp.seed().event()).timestamp(42).needSlots(slots).build();
      byte[] payload = codec.write(c);
      if (payload.length + 300 <= codec.maxDocumentBytes()) {
        return envelopes.seal(alice, path, c);
      }
      n -= 100;
    }
  }

  /** The signed bytes and the signature of an envelope sealed by {@link Envelopes#seal}. */
  private static byte[][] signedPartsOf(byte[] env, String path) {
    String text = new String(env, StandardCharsets.UTF_8);
    int p = text.indexOf(",\"payload\":") + ",\"payload\":".length();
    int s = text.lastIndexOf(",\"sig\":\"");
    byte[] payload = Arrays.copyOfRange(env, p, s);
    byte[] sig = Base64.getUrlDecoder().decode(text.substring(s + 8, text.length() - 2));
    return new byte[][] {Envelopes.signedBytes(path, payload), sig};
  }

  private static void report(String what, int iterations, IntSupplier op) {
    int sink = 0;
    for (int i = 0; i < Math.max(3, iterations / 5); i++) {
      sink += op.getAsInt(); // warm-up
    }
    int rounds = 5;
    double[] perOp = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long c0 = MX.getCurrentThreadCpuTime();
      for (int i = 0; i < iterations; i++) {
        sink += op.getAsInt();
      }
      perOp[r] = (MX.getCurrentThreadCpuTime() - c0) / (double) iterations;
    }
    Arrays.sort(perOp);
    System.out.printf("%-52s median %s  (rounds %s .. %s)%s%n", what, fmt(perOp[rounds / 2]), fmt(perOp[0]),
        fmt(perOp[rounds - 1]), sink == Integer.MIN_VALUE ? "!" : "");
  }

  private static String fmt(double nanos) {
    return nanos >= 1e6 ? String.format("%.1f ms", nanos / 1e6) : String.format("%.1f us", nanos / 1e3);
  }
}
