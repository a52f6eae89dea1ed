package org.allocationcommons.testkit.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.time.VirtualScheduler;

class SimulatedNetworkProperties {

  /** One publish: node {@code node} publishes its next version at {@code atMillis}. */
  record Publish(int node, int atMillis) {}

  record Run(List<String> trace, NetworkStats stats, Map<String, String> relayLatest, Map<String, String> lastPublished) {}

  static String path(int node) {
    return DocumentPaths.of("n" + node, DocumentPaths.COMMITMENT);
  }

  /** Every node subscribes to every node's commitment (its own too), then the publishes happen. */
  static Run run(long seed, NetworkConditions conditions, int nodes, List<Publish> publishes, int heartbeats) {
    return run(seed, conditions, nodes, publishes, heartbeats, null);
  }

  /** A split of the nodes whose index is in {@code group} from the others, from one instant to another. */
  record Partition(Set<Integer> group, int fromMillis, int toMillis) {}

  static Run run(long seed, NetworkConditions conditions, int nodes, List<Publish> publishes, int heartbeats,
      Partition partition) {
    VirtualScheduler scheduler = VirtualScheduler.startingAt(Instant.EPOCH);
    SimulatedNetwork net = SimulatedNetwork.create(scheduler, seed, conditions);
    if (partition != null) {
      List<String> group = partition.group().stream().filter(i -> i < nodes).sorted().map(i -> "n" + i).toList();
      if (!group.isEmpty()) {
        scheduler.schedule(Duration.ofMillis(partition.fromMillis()), () -> net.partition(List.of(group)));
        scheduler.schedule(Duration.ofMillis(Math.max(partition.fromMillis(), partition.toMillis())), net::heal);
      }
    }
    List<String> trace = new ArrayList<>();
    List<Transport> transports = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      Transport t = net.transportFor("n" + i);
      transports.add(t);
      String me = "n" + i;
      for (int j = 0; j < nodes; j++) {
        t.subscribe(path(j), (p, payload) ->
            trace.add(scheduler.now().toEpochMilli() + " " + me + " " + p + " " + new String(payload, UTF_8)));
      }
    }
    int[] versions = new int[nodes];
    Map<String, String> lastPublished = new HashMap<>();
    for (Publish p : sorted(publishes)) {
      final int node = p.node() % nodes;
      String payload = "n" + node + "v" + (++versions[node]);
      lastPublished.put(path(node), payload);
      scheduler.schedule(Duration.ofMillis(p.atMillis()),
          () -> transports.get(node).publish(path(node), payload.getBytes(UTF_8)));
    }
    // Heartbeats: every node republishes its latest version once a second, as CommonsNode does.
    final int end = publishes.stream().mapToInt(Publish::atMillis).max().orElse(0);
    for (int h = 1; h <= heartbeats; h++) {
      for (int node = 0; node < nodes; node++) {
        String latest = lastPublished.get(path(node));
        if (latest != null) {
          int n = node;
          scheduler.schedule(Duration.ofMillis(end + 1_000L * h),
              () -> transports.get(n).publish(path(n), latest.getBytes(UTF_8)));
        }
      }
    }
    scheduler.runUntilIdle(1_000_000);
    Map<String, String> relay = new HashMap<>();
    for (int node = 0; node < nodes; node++) {
      String path = path(node);
      net.relayPayload("n0", path).ifPresent(b -> relay.put(path, new String(b, UTF_8)));
    }
    return new Run(trace, net.stats(), relay, lastPublished);
  }

  /** Publishes in the order they happen (stable for equal times), which is the order of versions. */
  static List<Publish> sorted(List<Publish> publishes) {
    return publishes.stream().sorted(java.util.Comparator.comparingInt(Publish::atMillis)).toList();
  }

  @Provide
  Arbitrary<NetworkConditions> faulty() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 50),
            Arbitraries.integers().between(0, 300),
            Arbitraries.doubles().between(0, 0.3),
            Arbitraries.doubles().between(0, 0.5),
            Arbitraries.doubles().between(0, 0.5))
        .as((min, spread, loss, dup, reorder) -> NetworkConditions.perfect()
            .withLatency(Duration.ofMillis(min), Duration.ofMillis(min + spread))
            .withLoss(loss)
            .withDuplication(dup)
            .withReordering(reorder, Duration.ofMillis(400))
            .withRetransmission(Duration.ofMillis(2L * (min + spread) + 50), 40));
  }

  @Provide
  Arbitrary<List<Publish>> publishes() {
    return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2_000))
        .as(Publish::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(25);
  }

  @Property(tries = 60)
  void everyDeliveryIsAPayloadPublishedAtThatPath(
      @ForAll long seed,
      @ForAll("faulty") NetworkConditions conditions,
      @ForAll @IntRange(min = 1, max = 6) int nodes,
      @ForAll("publishes") List<Publish> publishes) {
    Run run = run(seed, conditions, nodes, publishes, 0);
    Set<String> published = new HashSet<>();
    Map<Integer, Integer> versions = new HashMap<>();
    for (Publish p : sorted(publishes)) {
      int node = p.node() % nodes;
      int v = versions.merge(node, 1, Integer::sum);
      published.add(path(node) + " n" + node + "v" + v);
    }
    for (String line : run.trace()) {
      String[] parts = line.split(" ");
      assertThat(published).contains(parts[2] + " " + parts[3]);
    }
  }

  @Property(tries = 60)
  void theRelayEndsWithTheLastPublishOfEveryPathWhateverTheFaults(
      @ForAll long seed,
      @ForAll("faulty") NetworkConditions conditions,
      @ForAll @IntRange(min = 1, max = 6) int nodes,
      @ForAll("publishes") List<Publish> publishes) {
    Run run = run(seed, conditions, nodes, publishes, 0);
    assertThat(run.relayLatest()).isEqualTo(run.lastPublished());
  }

  @Property(tries = 40)
  void withoutLossEverySubscriberReceivesTheLatestOfEveryPathWithoutWaitingForAHeartbeat(
      @ForAll long seed,
      @ForAll("faulty") NetworkConditions faulty,
      @ForAll @IntRange(min = 1, max = 6) int nodes,
      @ForAll("publishes") List<Publish> publishes) {
    Run run = run(seed, faulty.withLoss(0), nodes, publishes, 0);
    Set<String> received = received(run);
    for (String latest : run.lastPublished().values()) {
      for (int sub = 0; sub < nodes; sub++) {
        assertThat(received).contains("n" + sub + " " + latest);
      }
    }
    assertThat(run.stats().lost()).isZero();
  }

  @Property(tries = 30)
  void withFixedLatencyAndNoFaultsEverySubscriberReceivesEveryPublishInOrder(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int nodes,
      @ForAll("publishes") List<Publish> publishes) {
    Run run = run(seed, NetworkConditions.perfect(), nodes, publishes, 0);
    for (int sub = 0; sub < nodes; sub++) {
      for (int node = 0; node < nodes; node++) {
        String prefix = "n" + sub + " " + path(node) + " ";
        List<String> got = run.trace().stream()
            .map(line -> line.substring(line.indexOf(' ') + 1))
            .filter(line -> line.startsWith(prefix))
            .map(line -> line.substring(prefix.length()))
            .toList();
        List<String> expected = new ArrayList<>();
        for (int v = 1; v <= versionsOf(publishes, nodes, node); v++) {
          expected.add("n" + node + "v" + v);
        }
        assertThat(got).as("what n%d sees of n%d", sub, node).isEqualTo(expected);
      }
    }
  }

  private static int versionsOf(List<Publish> publishes, int nodes, int node) {
    return (int) publishes.stream().filter(p -> p.node() % nodes == node).count();
  }

  private static Set<String> received(Run run) {
    Set<String> received = new HashSet<>();
    for (String line : run.trace()) {
      String[] parts = line.split(" ");
      received.add(parts[1] + " " + parts[3]);
    }
    return received;
  }

  @Property(tries = 40)
  void heartbeatRepublishingMakesEverySubscriberSeeTheLatestDespiteLoss(
      @ForAll long seed,
      @ForAll("faulty") NetworkConditions conditions,
      @ForAll @IntRange(min = 1, max = 6) int nodes,
      @ForAll("publishes") List<Publish> publishes) {
    Run run = run(seed, conditions, nodes, publishes, 30);
    Set<String> received = received(run);
    for (String latest : run.lastPublished().values()) {
      for (int sub = 0; sub < nodes; sub++) {
        assertThat(received).contains("n" + sub + " " + latest);
      }
    }
  }

  @Provide
  Arbitrary<Partition> partitions() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 5).set().ofMinSize(1).ofMaxSize(3),
            Arbitraries.integers().between(0, 2_500),
            Arbitraries.integers().between(0, 3_000))
        .as(Partition::new);
  }

  @Property(tries = 60)
  void withoutLossEverySubscriberHasTheLatestOnceAPartitionHeals(
      @ForAll long seed,
      @ForAll("faulty") NetworkConditions faulty,
      @ForAll @IntRange(min = 2, max = 6) int nodes,
      @ForAll("publishes") List<Publish> publishes,
      @ForAll("partitions") Partition partition) {
    Run run = run(seed, faulty.withLoss(0), nodes, publishes, 0, partition);
    Set<String> received = received(run);
    for (String latest : run.lastPublished().values()) {
      for (int sub = 0; sub < nodes; sub++) {
        assertThat(received).contains("n" + sub + " " + latest);
      }
    }
    assertThat(run.relayLatest()).isEqualTo(run.lastPublished());
  }

  @Property(tries = 30)
  void theSameSeedGivesTheSameRunBitForBitEvenWithPartitions(
      @ForAll long seed,
      @ForAll("faulty") NetworkConditions conditions,
      @ForAll @IntRange(min = 2, max = 6) int nodes,
      @ForAll("publishes") List<Publish> publishes,
      @ForAll("partitions") Partition partition) {
    Run first = run(seed, conditions, nodes, publishes, 3, partition);
    Run second = run(seed, conditions, nodes, publishes, 3, partition);
    assertThat(second.trace()).isEqualTo(first.trace());
    assertThat(second.stats()).isEqualTo(first.stats());
  }

  @Property(tries = 30)
  void theSameSeedGivesTheSameRunBitForBit(
      @ForAll long seed,
      @ForAll("faulty") NetworkConditions conditions,
      @ForAll @IntRange(min = 1, max = 6) int nodes,
      @ForAll("publishes") List<Publish> publishes) {
    Run first = run(seed, conditions, nodes, publishes, 3);
    Run second = run(seed, conditions, nodes, publishes, 3);
    assertThat(second.trace()).isEqualTo(first.trace());
    assertThat(second.stats()).isEqualTo(first.stats());
  }

  @Property(tries = 30)
  void messageAccountingAddsUp(
      @ForAll long seed,
      @ForAll("faulty") NetworkConditions conditions,
      @ForAll @IntRange(min = 1, max = 6) int nodes,
      @ForAll("publishes") List<Publish> publishes) {
    Run run = run(seed, conditions, nodes, publishes, 0);
    NetworkStats s = run.stats();
    // Every publish is at least its first transmission; retransmissions and duplicates add to it.
    assertThat(s.publishes()).isGreaterThanOrEqualTo(publishes.size() + s.retransmissions());
    assertThat(s.publishes()).isLessThanOrEqualTo(2 * (publishes.size() + s.retransmissions()));
    // Deliveries that arrived (trace) plus those lost can't exceed deliveries sent.
    assertThat((long) run.trace().size()).isLessThanOrEqualTo(s.deliveries());
    assertThat(s.lost()).isLessThanOrEqualTo(s.messages());
    assertThat(s.duplicated()).isLessThanOrEqualTo(s.messages() / 2);
  }

  @Property(tries = 10)
  void differentSeedsUsuallyGiveDifferentRuns(@ForAll @IntRange(min = 0, max = 1000) int seed) {
    NetworkConditions c = NetworkConditions.wideArea().withLoss(0.2).withDuplication(0.2);
    List<Publish> publishes = List.of(new Publish(0, 0), new Publish(1, 5), new Publish(2, 10), new Publish(0, 20));
    Run a = run(seed, c, 4, publishes, 2);
    Run b = run(seed + 1_000_003L, c, 4, publishes, 2);
    assertThat(b.trace()).isNotEqualTo(a.trace());
  }
}
