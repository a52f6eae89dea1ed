package org.allocationcommons.benchmarks.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.benchmarks.support.OneProviderInTen;
import org.allocationcommons.sync.CommonsNode;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.memory.MemoryNetwork;
import org.allocationcommons.sync.spi.Paths;
import org.allocationcommons.sync.time.VirtualScheduler;

/**
 * Measures, for commons of 10, 100 and 1,000 participants on the in-memory bus, the processing
 * latency from one participant's input change to the publication of its provider's new allocation
 * state, and the messages and bytes one change costs the network.
 *
 * <p>All nodes share one {@link VirtualScheduler}, so the 100 ms debounces (commitment publication,
 * allocation) cost no wall-clock time: the latency reported is the wall-clock time the JVM spends
 * running every task between {@code setNeeds} and the provider's signed state reaching the bus
 * (validate, persist-free store update, sign, deliver, verify, decode, validate, causality,
 * allocation, sign, publish), i.e. the end-to-end latency <em>excluding the debounces</em>. Add 200 ms
 * of debounce for the user-visible figure. Nodes have no storage directory (no fsync).
 *
 * <p>Topology: {@link OneProviderInTen}. Sponsors form a binary tree (node i invited by
 * (i - 1) / 2), keeping ITC ids shallow.
 *
 * <p>Nodes start one after another over one heartbeat period (30 s), so their heartbeats are
 * spread evenly in time.
 *
 * <p>Messages per change: publishes (and deliveries, bytes) during the 5 virtual seconds after a
 * change, minus those of an equal idle window just before it (heartbeats and rechecks).
 *
 * <p>Run: {@code java -cp commons-benchmarks/target/benchmarks.jar
 * org.allocationcommons.benchmarks.sync.SyncLatencyHarness [sizes...] [--trials N] [--seed S]}.
 */
public final class SyncLatencyHarness {

  private static final Duration WINDOW = Duration.ofSeconds(5);
  private static final Duration HEARTBEAT = Duration.ofSeconds(30);

  private SyncLatencyHarness() {}

  /** Entry point; see the class documentation for the arguments. */
  public static void main(String[] args) {
    List<Integer> sizes = new ArrayList<>();
    int trials = 30;
    long seed = 42;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--trials" -> trials = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> sizes.add(Integer.parseInt(args[i]));
      }
    }
    if (sizes.isEmpty()) {
      sizes = List.of(10, 100, 1000);
    }
    System.out.printf(Locale.ROOT, "%6s %6s %9s %9s %9s %9s %10s %10s %12s %12s %10s%n",
        "n", "trials", "setup_s", "lat_p50ms", "lat_p95ms", "lat_maxms", "msgs/chg", "deliv/chg",
        "bytes/chg", "dbytes/chg", "converged");
    // warm-up: JIT the whole path once on a small commons
    run(10, 5, seed + 1);
    for (int n : sizes) {
      Result r = run(n, trials, seed);
      System.out.printf(Locale.ROOT, "%6d %6d %9.1f %9.3f %9.3f %9.3f %10.1f %10.1f %12.0f %12.0f %9.0f%%%n",
          n, trials, r.setupSeconds, r.p50, r.p95, r.max, r.messages, r.deliveries, r.bytes,
          r.deliveredBytes, 100 * r.convergedFraction);
    }
  }

  record Result(double setupSeconds, double p50, double p95, double max, double messages,
      double deliveries, double bytes, double deliveredBytes, double convergedFraction) {}

  static Result run(int n, int trials, long seed) {
    long setupStart = System.nanoTime();
    Random rnd = new Random(seed);
    VirtualScheduler scheduler = VirtualScheduler.startingAtDefaultEpoch();
    MemoryNetwork network = MemoryNetwork.create();
    List<CommonsNode> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Identity id = identity(i);
      CommonsNode.Builder b =
          CommonsNode.builder().identity(id).transport(network.transport()).scheduler(scheduler);
      if (i == 0) {
        b.founder();
      } else {
        Invitation inv = await(scheduler, nodes.get((i - 1) / 2).invite(id.pubKey()));
        b.joinWith(inv);
      }
      CommonsNode node = b.build();
      node.start();
      nodes.add(node);
      // spread the starts over one heartbeat period, so heartbeats (the background traffic that the
      // idle window subtracts) are spread evenly in time instead of arriving in one burst
      scheduler.advanceBy(HEARTBEAT.dividedBy(n));
    }
    OneProviderInTen topology = OneProviderInTen.apply(nodes, rnd);
    List<Integer> recipients = topology.recipients();
    scheduler.advanceBy(Duration.ofSeconds(20));
    double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

    double[] latencies = new double[trials];
    double messages = 0;
    double deliveries = 0;
    double bytes = 0;
    double deliveredBytes = 0;
    for (int t = 0; t < trials; t++) {
      // idle window: the background rate (heartbeats, convergence rechecks)
      long p0 = network.published();
      long d0 = network.delivered();
      long b0 = network.publishedBytes();
      long db0 = network.deliveredBytes();
      scheduler.advanceBy(WINDOW);
      long idleP = network.published() - p0;
      long idleD = network.delivered() - d0;
      long idleB = network.publishedBytes() - b0;
      long idleDb = network.deliveredBytes() - db0;

      int r = recipients.get(rnd.nextInt(recipients.size()));
      int p = topology.providerOf().get(r);
      long[] hit = {0};
      var probe = network.transport();
      probe.subscribe(Paths.of(nodes.get(p).pubKey(), Paths.ALLOCATION_STATE), (path, bytesIn) -> hit[0] = System.nanoTime());
      hit[0] = 0; // ignore the replay of the current state on subscribe
      p0 = network.published();
      d0 = network.delivered();
      b0 = network.publishedBytes();
      db0 = network.deliveredBytes();
      var start = scheduler.now();
      long t0 = System.nanoTime();
      double current = nodes.get(r).commitment().get().orElseThrow().needSlots().get(0).quantity();
      nodes.get(r).setNeeds(List.of(NeedSlot.of("need", "meals", current == 10 ? 13 : 10)));
      var deadline = start.plus(WINDOW);
      while (hit[0] == 0 && scheduler.now().isBefore(deadline) && scheduler.runNext()) {
        // run until the provider's new state is on the bus
      }
      if (hit[0] == 0) {
        throw new IllegalStateException("provider " + p + " did not republish within " + WINDOW
            + " after a change of recipient " + r + ": " + nodes.get(p).diagnostics()
            + "\nrecipient: " + nodes.get(r).diagnostics());
      }
      latencies[t] = (hit[0] - t0) / 1e6;
      probe.close();
      scheduler.runUntil(start.plus(WINDOW));
      messages += (network.published() - p0) - idleP;
      if (System.getenv("HARNESS_DEBUG") != null) {
        System.err.printf("trial %d: published %d in the change window, %d idle%n", t, network.published() - p0, idleP);
      }
      deliveries += (network.delivered() - d0) - idleD - 1; // minus the probe's delivery
      bytes += (network.publishedBytes() - b0) - idleB;
      deliveredBytes += (network.deliveredBytes() - db0) - idleDb;
    }
    long converged = nodes.stream().filter(x -> x.converged().get()).count();
    for (CommonsNode node : nodes) {
      node.close();
    }
    Arrays.sort(latencies);
    return new Result(
        setupSeconds,
        latencies[trials / 2],
        latencies[Math.min(trials - 1, (int) Math.ceil(trials * 0.95) - 1)],
        latencies[trials - 1],
        messages / trials,
        deliveries / trials,
        bytes / trials,
        deliveredBytes / trials,
        converged / (double) n);
  }

  static Identity identity(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    seed[1] = (byte) (i >>> 8);
    seed[2] = (byte) (i >>> 16);
    seed[31] = 0x5a;
    return Identity.fromSeed(seed);
  }

  static <T> T await(VirtualScheduler s, CompletionStage<T> stage) {
    CompletableFuture<T> f = stage.toCompletableFuture();
    while (!f.isDone() && s.runNext()) {
      // drive the scheduler until done
    }
    return f.join();
  }
}
