package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.sync.CommonsNode;
import org.allocationcommons.sync.envelope.Rejection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Thirty {@link CommonsNode}s in one all-to-all group (each recognises and follows every other)
 * through one Holster 2.1.4 relay for five minutes, some of them changing their needs every 30 s:
 * no connection is throttled or dropped (the transports' counters and the relay's own log say so),
 * and at the end every node holds every other's latest commitment and reports convergence. It
 * prints its progress every 30 s. The duration is the system property {@code holster.soak.minutes}
 * (default 5): the one long test of the build, tagged {@code soak}, run by {@code mvn -Dsoak verify}.
 */
@Tag("interop")
@Tag("slow")
@Tag("soak")
class HolsterGroupSoakTest extends NodeInteropSupport {

  private static final int NODES = 30;
  private static final Duration TICK = Duration.ofSeconds(30);

  private final List<GunTransport> transports = new ArrayList<>();

  @Override
  GunTransport openTransport(URI relay) {
    GunTransport t =
        GunTransport.open(
            GunOptions.peers(relay).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
            Clock.systemUTC(),
            Dialect.holster());
    transports.add(t);
    return t;
  }

  /** A late ack's fresh-state re-send delivers an envelope twice (see HolsterNodeInteropTest). */
  @Override
  Set<Rejection> toleratedRejections() {
    return Set.of(Rejection.DUPLICATE);
  }

  private static double minutes() {
    return Double.parseDouble(System.getProperty("holster.soak.minutes", "5"));
  }

  /** Everyone needs 2 soup and offers 1 (under-supplied, so damping settles) to all the others. */
  private static void group(List<CommonsNode> nodes) {
    for (CommonsNode n : nodes) {
      Map<String, Double> weights = new LinkedHashMap<>();
      nodes.stream().filter(o -> o != n).forEach(o -> weights.put(o.pubKey(), 1.0 / (nodes.size() - 1)));
      n.setRecognition(weights);
      n.setCapacity(List.of(AvailabilitySlot.of("soup-" + n.pubKey().substring(0, 6), "soup", 1)));
      n.setNeeds(List.of(NeedSlot.of("need", "soup", 2)));
      nodes.stream().filter(o -> o != n).forEach(o -> n.follow(o.pubKey()));
    }
  }

  /** Whether {@code holder} holds {@code author}'s current commitment (its slots and weights). */
  private static boolean holdsLatest(CommonsNode holder, CommonsNode author) {
    Commitment held = holder.networkCommitments().get().get(author.pubKey());
    Commitment own = author.commitment().get().orElse(null);
    return held != null && own != null
        && held.needSlots().equals(own.needSlots())
        && held.capacitySlots().equals(own.capacitySlots())
        && Objects.equals(held.recognitionWeights(), own.recognitionWeights());
  }

  private static long pairsHeld(List<CommonsNode> nodes) {
    long held = 0;
    for (CommonsNode n : nodes) {
      for (CommonsNode o : nodes) {
        if (n != o && holdsLatest(n, o)) {
          held++;
        }
      }
    }
    return held;
  }

  /**
   * Which pairs are stale: per author and per holder, and the first few with what each side holds,
   * so a failure says whether an author's publishes, a holder's inbound or the relay is at fault.
   */
  private String staleReport(List<CommonsNode> nodes) {
    Map<String, Integer> byAuthor = new java.util.TreeMap<>();
    Map<String, Integer> byHolder = new java.util.TreeMap<>();
    List<String> examples = new ArrayList<>();
    for (CommonsNode n : nodes) {
      for (CommonsNode o : nodes) {
        if (n == o || holdsLatest(n, o)) {
          continue;
        }
        byAuthor.merge(o.pubKey().substring(0, 6), 1, Integer::sum);
        byHolder.merge(n.pubKey().substring(0, 6), 1, Integer::sum);
        if (examples.size() < 8) {
          Commitment held = n.networkCommitments().get().get(o.pubKey());
          Commitment own = o.commitment().get().orElse(null);
          examples.add(String.format(java.util.Locale.ROOT, "%s holds of %s: %s; author has: %s",
              n.pubKey().substring(0, 6), o.pubKey().substring(0, 6), describe(held), describe(own)));
        }
      }
    }
    StringBuilder b = new StringBuilder("stale by author ").append(byAuthor).append("\nstale by holder ").append(byHolder);
    examples.forEach(e -> b.append("\n  ").append(e));
    for (int i = 0; i < nodes.size(); i++) {
      org.allocationcommons.sync.Diagnostics d = nodes.get(i).diagnostics();
      b.append(String.format(java.util.Locale.ROOT, "%n  %s: accepted %d, stale %d, concurrent %d, rejected %s, subscriptions %d; %s",
          d.pubKey().substring(0, 6), d.accepted(), d.stale(), d.concurrent(), d.rejected(), d.subscriptions(),
          transports.get(i).stats()));
    }
    return b.toString();
  }

  private static String describe(Commitment c) {
    return c == null ? "nothing"
        : "needs " + c.needSlots().stream().map(s -> s.quantity()).toList() + " at " + c.timestamp() + " stamp " + c.itcStamp();
  }

  private String progress(List<CommonsNode> nodes, long startNanos, long out0) {
    double mins = (System.nanoTime() - startNanos) / 60e9;
    long out = transports.stream().mapToLong(t -> t.stats().framesOut()).sum() - out0;
    long maxOut = transports.stream().mapToLong(t -> t.stats().framesOut()).max().orElse(0);
    return String.format(java.util.Locale.ROOT,
        "holster soak %.1f min: %d/%d latest commitments held, %d converged, frames out %.0f/node/min (busiest node %d in all),"
            + " throttled %d, reconnects %d, fresh re-sends %d",
        mins, pairsHeld(nodes), (long) nodes.size() * (nodes.size() - 1),
        nodes.stream().filter(n -> n.converged().get()).count(), mins > 0 ? out / mins / nodes.size() : 0.0, maxOut,
        transports.stream().mapToLong(t -> t.holsterCounters().throttled()).sum(),
        transports.stream().mapToLong(t -> t.stats().reconnects()).sum(),
        transports.stream().mapToLong(t -> t.holsterCounters().freshResends()).sum());
  }

  @Test
  void thirtyNodesAllToAllStayUnderTheRateLimitAndConverge() throws Exception {
    HolsterRelay relay = keep(HolsterRelay.start(HolsterRelay.V2, temp.resolve("holster-data")));
    long setup = System.nanoTime();
    List<CommonsNode> nodes = commons(NODES, List.of(relay.url()));
    group(nodes);
    System.out.printf("holster soak: %d nodes started in %.1f s%n", NODES, (System.nanoTime() - setup) / 1e9);

    long start = System.nanoTime();
    long out0 = transports.stream().mapToLong(t -> t.stats().framesOut()).sum();
    long end = start + (long) (minutes() * 60e9);
    int tick = 0;
    while (System.nanoTime() < end) {
      Thread.sleep(Math.min(TICK.toMillis(), Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
      tick++;
      // three nodes a tick change their need, so the group keeps publishing and reallocating
      for (int k = 0; k < 3; k++) {
        CommonsNode changer = nodes.get((tick * 3 + k) % NODES);
        changer.setNeeds(List.of(NeedSlot.of("need", "soup", 2 + tick % 2)));
      }
      System.out.println(progress(nodes, start, out0));
    }

    await("every node holds every other's latest commitment and all report convergence",
        () -> pairsHeld(nodes) == (long) NODES * (NODES - 1) && nodes.stream().allMatch(n -> n.converged().get()),
        () -> progress(nodes, start, out0) + "\n" + staleReport(nodes));
    System.out.println("holster soak done: " + progress(nodes, start, out0));

    for (GunTransport t : transports) {
      assertThat(t.holsterCounters().throttled()).as("throttle replies to a transport").isZero();
      assertThat(t.stats().reconnects()).as("reconnects of a transport").isZero();
    }
    List<String> log = relay.output();
    assertThat(log).noneMatch(line -> line.contains("rate limit exceeded") || line.contains("Disconnecting")
        || line.contains("Connection limit") || line.contains("disconnected"));
    assertThat(log.stream().filter(line -> line.startsWith("New WebSocket client connected")).count())
        .as("connections the relay saw: one per node, never a reconnect").isEqualTo(NODES);
    for (CommonsNode n : nodes) {
      Map<Rejection, Long> other = new java.util.HashMap<>(n.diagnostics().rejected());
      other.keySet().removeAll(toleratedRejections());
      assertThat(other).as("rejections at %s", n.pubKey()).allSatisfy((r, count) -> assertThat(count).isZero());
    }
  }
}
