package org.allocationcommons.benchmarks.gun;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.benchmarks.support.OneProviderInTen;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.sync.CommonsNode;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.transport.gun.Dialect;
import org.allocationcommons.transport.gun.GunOptions;
import org.allocationcommons.transport.gun.GunTransport;

/**
 * Whole participants through one running relay, GUN or Holster, measured the same way: N {@link
 * CommonsNode}s, each on its own {@link GunTransport} (in the relay's dialect) and its own scheduler
 * thread, in the {@link OneProviderInTen} topology. Once the commons has converged (and 6 s more, past
 * the confirming gets of the set-up's subscriptions), it changes one recipient's need at a time and
 * measures two latencies per change, wall clock from {@code setNeeds}:
 *
 * <ul>
 *   <li><em>change-to-peer</em>: until the recipient's provider's {@code networkCommitments()} holds
 *       the new need (commitment debounce of 100 ms, sign, publish, relay, verify, store);
 *   <li><em>round trip</em>: until the recipient's {@code received()} shows the provider's new
 *       allocation (the above, the provider's allocation debounce of 100 ms, allocation, publish,
 *       relay, aggregation).
 * </ul>
 *
 * It also reports the WebSocket frames ({@code GunStats.framesOut/framesIn}: puts, gets, acks,
 * heartbeats) per node per minute over the measured period; Holster's rate limit counts a
 * connection's frames out.
 *
 * <p>Arguments: {@code gun|holster relayUrl [nodes changes]} (defaults 10 20). How to run (from the
 * repository root; the Holster sources as the interop tests find them, {@code ../shared/third-party}):
 *
 * <pre>{@code
 * mvn -B -ntp -o -q -pl commons-benchmarks -am package -Dquick -DskipTests
 * # a GUN relay (npm ci once in commons-transport-gun/src/test/gun)
 * node commons-transport-gun/src/test/gun/relay.js 8765 /tmp/harness-radata &
 * java -cp commons-benchmarks/target/benchmarks.jar org.allocationcommons.benchmarks.gun.GunNodeHarness gun ws://127.0.0.1:8765/gun 30 20
 * # a Holster 2.1.4 relay, with the interop tests' start script
 * cp -r ../shared/third-party/holster-2.1.4 /tmp/holster && chmod -R u+w /tmp/holster
 * cp commons-transport-gun/src/test/holster/relay.mjs /tmp/holster/
 * (cd /tmp/holster && npm install --omit=dev --no-audit --no-fund && node relay.mjs 8766 /tmp/holster-data &)
 * java -cp commons-benchmarks/target/benchmarks.jar org.allocationcommons.benchmarks.gun.GunNodeHarness holster ws://127.0.0.1:8766/ 30 20
 * }</pre>
 *
 * Start a fresh relay (or storage folder) per run. Results are in docs/transports.md.
 */
public final class GunNodeHarness {

  private GunNodeHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !(args[0].equals("gun") || args[0].equals("holster"))) {
      System.err.println("usage: GunNodeHarness gun|holster ws://127.0.0.1:8765/gun [nodes changes]");
      System.exit(2);
    }
    Dialect dialect = args[0].equals("holster") ? Dialect.holster() : Dialect.GUN;
    URI relay = URI.create(args[1]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int changes = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    Random rnd = new Random(42);

    long setupStart = System.nanoTime();
    List<CommonsNode> nodes = new ArrayList<>();
    List<GunTransport> transports = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Identity id = Identity.generate();
      GunTransport t = GunTransport.open(GunOptions.peers(relay), Clock.systemUTC(), dialect);
      transports.add(t);
      CommonsNode.Builder b = CommonsNode.builder().identity(id).transport(t);
      if (i == 0) {
        b.founder();
      } else {
        // sponsors form a binary tree, keeping ITC ids shallow
        Invitation inv = nodes.get((i - 1) / 2).invite(id.pubKey()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        b.joinWith(inv);
      }
      CommonsNode node = b.build();
      node.start();
      nodes.add(node);
    }
    OneProviderInTen topology = OneProviderInTen.apply(nodes, rnd);
    List<Integer> recipients = topology.recipients();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!allReceive(nodes, recipients) || nodes.stream().filter(x -> x.converged().get()).count() < 0.8 * n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the commons did not converge within 3 minutes");
      }
      Thread.sleep(50);
    }
    double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
    // Measure the steady state: a new subscription asks the relay again after 1 s and 5 s
    // (GunTransport's confirming gets), and those of the set-up must not count as traffic of changes.
    Thread.sleep(6_000);

    long out0 = framesOut(transports);
    long in0 = framesIn(transports);
    long throttled0 = transports.stream().mapToLong(t -> t.holsterCounters().throttled()).sum();
    long measureStart = System.nanoTime();
    double[] toPeer = new double[changes];
    double[] roundTrip = new double[changes];
    for (int c = 0; c < changes; c++) {
      int r = recipients.get(rnd.nextInt(recipients.size()));
      CommonsNode recipient = nodes.get(r);
      CommonsNode provider = nodes.get(topology.providerOf().get(r));
      double before = recipient.received().get().total();
      double need = recipient.commitment().get().orElseThrow().needSlots().get(0).quantity() == 10 ? 13 : 10;
      long t0 = System.nanoTime();
      recipient.setNeeds(List.of(NeedSlot.of("need", "meals", need)));
      boolean seen = false;
      while (true) {
        long now = System.nanoTime();
        if (!seen && holdsNeed(provider, recipient.pubKey(), need)) {
          seen = true;
          toPeer[c] = (now - t0) / 1e6;
        }
        if (Math.abs(recipient.received().get().total() - before) >= 1e-9) {
          roundTrip[c] = (now - t0) / 1e6;
          if (!seen) { // both in one poll
            toPeer[c] = roundTrip[c];
          }
          break;
        }
        if (now - t0 > TimeUnit.SECONDS.toNanos(30)) {
          throw new IllegalStateException("no new allocation reached the recipient within 30 s");
        }
        Thread.sleep(1);
      }
      Thread.sleep(1500); // let the provider's convergence recheck pass before the next change
    }
    double minutes = (System.nanoTime() - measureStart) / 60e9;
    long out = framesOut(transports) - out0;
    long in = framesIn(transports) - in0;
    long throttled = transports.stream().mapToLong(t -> t.holsterCounters().throttled()).sum() - throttled0;
    long reconnects = transports.stream().mapToLong(t -> t.stats().reconnects()).sum();
    Arrays.sort(toPeer);
    Arrays.sort(roundTrip);
    System.out.printf(Locale.ROOT, "%-8s %6s %8s %9s %11s %11s %11s %11s %15s %15s %10s %10s%n",
        "relay", "nodes", "changes", "setup_s", "peer_p50", "peer_p95", "trip_p50", "trip_p95",
        "out/node/min", "in/node/min", "throttled", "reconnects");
    System.out.printf(Locale.ROOT, "%-8s %6d %8d %9.1f %11.1f %11.1f %11.1f %11.1f %15.1f %15.1f %10d %10d%n",
        dialect.name(), n, changes, setupSeconds, pct(toPeer, 0.5), pct(toPeer, 0.95), pct(roundTrip, 0.5),
        pct(roundTrip, 0.95), out / minutes / n, in / minutes / n, throttled, reconnects);
    for (CommonsNode node : nodes) {
      node.close();
    }
    for (GunTransport t : transports) {
      t.close();
    }
  }

  private static boolean holdsNeed(CommonsNode holder, String pubKey, double need) {
    Optional<Commitment> c = Optional.ofNullable(holder.networkCommitments().get().get(pubKey));
    return c.map(x -> !x.needSlots().isEmpty() && x.needSlots().get(0).quantity() == need).orElse(false);
  }

  /** The nearest-rank quantile of sorted values. */
  private static double pct(double[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
  }

  private static boolean allReceive(List<CommonsNode> nodes, List<Integer> recipients) {
    return recipients.stream().allMatch(r -> nodes.get(r).received().get().total() > 0);
  }

  private static long framesOut(List<GunTransport> transports) {
    return transports.stream().mapToLong(t -> t.stats().framesOut()).sum();
  }

  private static long framesIn(List<GunTransport> transports) {
    return transports.stream().mapToLong(t -> t.stats().framesIn()).sum();
  }
}
