package org.allocationcommons.benchmarks.gun;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.benchmarks.support.OneProviderInTen;
import org.allocationcommons.sync.CommonsNode;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.transport.gun.GunOptions;
import org.allocationcommons.transport.gun.GunTransport;

/**
 * Whole participants through one running GUN relay (start one with {@code node
 * commons-transport-gun/src/test/gun/relay.js <port> <storageDir>}): N {@link CommonsNode}s, each on its own
 * {@link GunTransport} and its own scheduler thread, in the {@link OneProviderInTen} topology. Once the commons has converged, it changes one
 * recipient's need at a time and measures the <em>change-to-peer latency</em>: wall-clock time from
 * {@code setNeeds} until that recipient's {@code received()} shows its provider's new allocation,
 * i.e. commitment debounce (100 ms), publish, relay, the provider's allocation debounce (100 ms),
 * allocation, publish, relay, and the recipient's aggregation. It also reports the GUN frames the
 * nodes' transports sent to and received from the relay per second over the measured period
 * (puts, gets and acknowledgements; heartbeats included).
 *
 * <p>Arguments: {@code relayUrl [nodes changes]} (defaults 10 20). Run by hand (docs/transports.md).
 */
public final class GunNodeHarness {

  private GunNodeHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: GunNodeHarness ws://127.0.0.1:8765/gun [nodes changes]");
      System.exit(2);
    }
    URI relay = URI.create(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int changes = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Random rnd = new Random(42);

    long setupStart = System.nanoTime();
    List<CommonsNode> nodes = new ArrayList<>();
    List<GunTransport> transports = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Identity id = Identity.generate();
      GunTransport t = GunTransport.open(GunOptions.peers(relay));
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
    List<Integer> recipients = OneProviderInTen.apply(nodes, rnd).recipients();
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
    long measureStart = System.nanoTime();
    double[] latencies = new double[changes];
    for (int c = 0; c < changes; c++) {
      int r = recipients.get(rnd.nextInt(recipients.size()));
      CommonsNode recipient = nodes.get(r);
      double before = recipient.received().get().total();
      double need = recipient.commitment().get().orElseThrow().needSlots().get(0).quantity() == 10 ? 13 : 10;
      long t0 = System.nanoTime();
      recipient.setNeeds(List.of(NeedSlot.of("need", "meals", need)));
      while (Math.abs(recipient.received().get().total() - before) < 1e-9) {
        if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
          throw new IllegalStateException("no new allocation reached the recipient within 30 s");
        }
        Thread.sleep(1);
      }
      latencies[c] = (System.nanoTime() - t0) / 1e6;
      Thread.sleep(1500); // let the provider's convergence recheck pass before the next change
    }
    double seconds = (System.nanoTime() - measureStart) / 1e9;
    long out = framesOut(transports) - out0;
    long in = framesIn(transports) - in0;
    Arrays.sort(latencies);
    System.out.printf(Locale.ROOT, "%6s %8s %9s %12s %12s %12s %14s %14s%n",
        "nodes", "changes", "setup_s", "lat_p50_ms", "lat_p95_ms", "lat_max_ms", "frames_out/s", "frames_in/s");
    System.out.printf(Locale.ROOT, "%6d %8d %9.1f %12.1f %12.1f %12.1f %14.1f %14.1f%n",
        n, changes, setupSeconds, latencies[changes / 2],
        latencies[Math.min(changes - 1, (int) Math.ceil(changes * 0.95) - 1)], latencies[changes - 1],
        out / seconds, in / seconds);
    for (CommonsNode node : nodes) {
      node.close();
    }
    for (GunTransport t : transports) {
      t.close();
    }
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
