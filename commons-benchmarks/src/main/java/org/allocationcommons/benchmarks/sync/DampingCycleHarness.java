package org.allocationcommons.benchmarks.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.sync.CommonsNode;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.memory.MemoryNetwork;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.time.VirtualScheduler;

/**
 * Shows SPEC 4.4's damping failing to settle when recipients are over-supplied by two providers.
 *
 * <p>n participants (default 100) on the in-memory bus and one {@link VirtualScheduler}: node i is a
 * provider when i is a multiple of ten; every other node needs 10 meals and recognises two distinct
 * random providers (0.4 each), who recognise it back (0.1). A provider has capacity 8 per recipient
 * it serves, so each recipient is offered 8 by each of its two providers: 16 for a need of 10. Every
 * 5 virtual seconds for 130 s the harness prints the publishes in that window, how many nodes are
 * locally converged and report network convergence, the damping factors in use and the largest
 * commitment envelope on the bus.
 *
 * <p>Run: {@code java -cp commons-benchmarks/target/benchmarks.jar
 * org.allocationcommons.benchmarks.sync.DampingCycleHarness [n] [--seed S]}.
 */
public final class DampingCycleHarness {

  private DampingCycleHarness() {}

  /** Entry point; see the class documentation for the arguments. */
  public static void main(String[] args) {
    int n = 100;
    long seed = 42;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--seed")) {
        seed = Long.parseLong(args[++i]);
      } else {
        n = Integer.parseInt(args[i]);
      }
    }
    Random rnd = new Random(seed);
    VirtualScheduler scheduler = VirtualScheduler.startingAtDefaultEpoch();
    MemoryNetwork network = MemoryNetwork.create();
    List<CommonsNode> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      var id = SyncLatencyHarness.identity(i);
      CommonsNode.Builder b = CommonsNode.builder().identity(id).transport(network.transport()).scheduler(scheduler);
      if (i == 0) {
        b.founder();
      } else {
        Invitation inv = SyncLatencyHarness.await(scheduler, nodes.get((i - 1) / 2).invite(id.pubKey()));
        b.joinWith(inv);
      }
      CommonsNode node = b.build();
      node.start();
      nodes.add(node);
      scheduler.advanceBy(Duration.ofSeconds(30).dividedBy(n));
    }
    List<Integer> providers = new ArrayList<>();
    for (int i = 0; i < n; i += 10) {
      providers.add(i);
    }
    Map<Integer, Map<String, Double>> served = new HashMap<>();
    for (int r = 0; r < n; r++) {
      if (r % 10 == 0) {
        continue;
      }
      int a = providers.get(rnd.nextInt(providers.size()));
      int b = a;
      while (b == a && providers.size() > 1) {
        b = providers.get(rnd.nextInt(providers.size()));
      }
      Map<String, Double> w = new LinkedHashMap<>();
      for (int p : List.of(a, b)) {
        w.put(nodes.get(p).pubKey(), 0.4);
        served.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(nodes.get(r).pubKey(), 0.1);
      }
      nodes.get(r).setRecognition(w);
      nodes.get(r).setNeeds(List.of(NeedSlot.of("need", "meals", 10)));
    }
    for (int p : providers) {
      Map<String, Double> w = served.getOrDefault(p, Map.of());
      nodes.get(p).setRecognition(w);
      nodes.get(p).setCapacity(List.of(AvailabilitySlot.of("cap", "meals", 8.0 * Math.max(1, w.size()))));
    }
    System.out.printf(Locale.ROOT, "%6s %10s %10s %10s %22s %14s%n",
        "t_s", "publishes", "local_ok", "network_ok", "factors 1.0/0.8/0.5", "max_commit_B");
    for (int t = 5; t <= 130; t += 5) {
      long p0 = network.published();
      scheduler.advanceBy(Duration.ofSeconds(5));
      int local = 0;
      int net = 0;
      int[] factors = new int[3];
      int maxCommitment = 0;
      for (CommonsNode node : nodes) {
        var d = node.diagnostics();
        local += d.locallyConverged() ? 1 : 0;
        net += d.networkConverged() ? 1 : 0;
        var c = node.commitment().get();
        if (c.isPresent() && !c.get().needSlots().isEmpty()) {
          double f = c.get().dampingFactor().doubleValue();
          factors[f == 1.0 ? 0 : f == 0.8 ? 1 : 2]++;
        }
        maxCommitment = Math.max(maxCommitment,
            network.latest(DocumentPaths.of(node.pubKey(), DocumentPaths.COMMITMENT)).map(x -> x.length).orElse(0));
      }
      System.out.printf(Locale.ROOT, "%6d %10d %10d %10d %22s %14d%n", t, network.published() - p0, local, net,
          factors[0] + "/" + factors[1] + "/" + factors[2], maxCommitment);
    }
    for (CommonsNode node : nodes) {
      node.close();
    }
  }
}
