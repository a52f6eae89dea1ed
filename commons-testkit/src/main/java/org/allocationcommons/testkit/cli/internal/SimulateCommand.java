package org.allocationcommons.testkit.cli.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.settling.CentralisedSolver;
import org.allocationcommons.testkit.generators.Commons;
import org.allocationcommons.testkit.generators.Topologies;
import org.allocationcommons.testkit.network.NetworkConditions;
import org.allocationcommons.testkit.sim.HtmlReport;
import org.allocationcommons.testkit.sim.Sample;
import org.allocationcommons.testkit.sim.Reference;
import org.allocationcommons.testkit.sim.Settlement;
import org.allocationcommons.testkit.sim.Simulation;
import org.allocationcommons.testkit.sim.SimulationResult;

/** {@code simulate}: runs a generated commons to convergence under each requested policy. */
public final class SimulateCommand {

  /** The command's help text. */
  public static final String HELP = """
      Usage: java -jar allocation-commons.jar simulate [options]

      Generates a realistic commons (participants clustered around cities, clustered recognition,
      dated and remote slots), runs one node per participant over a simulated network with the faults
      below, in virtual time, until at least 80% of the active participants have converged, and prints
      progress and a summary. With --policy both (the default) it runs the same commons and faults
      once per policy and compares them. Writes an HTML report with SVG plots.

      Options:
        --nodes N           participants (default 50)
        --seed S            seed of the commons and of every fault; same seed, same run (default 1)
        --loss P            probability that a message is lost, in [0, 1) (default 0.05)
        --duplication P     probability that a message arrives twice (default 0.02)
        --reordering P      probability that a message is held back 500 ms (default 0.05)
        --latency MIN-MAX   one-way latency of a hop in ms, uniform (default 20-150)
        --policy NAME       faithful, water-filling or both (default both)
        --max-time SECONDS  virtual time limit of a run (default 300)
        --report FILE       the HTML report (default target/commons-report.html)
        --partition F       after converging, cut the first fraction F of the participants off for
                            90 s (past the 60 s freshness window), heal, and converge again
        --crash F           after converging (and healing), crash every participant in a fraction F
                            for 20 s, restart them from their storage, and converge again
        --topology NAME     generated (the default: the realistic commons above), providers (each
                            recipient served by K providers, see below) or dense (every participant
                            mutually recognising --partners others, each giving and needing)
        --providers-per-recipient K
                            with --topology providers (implied): distinct providers per recipient
                            (default 2); 10% of the participants are providers
        --capacity-ratio R  with --topology providers: total capacity over total need (default 1.6)
        --partners N        with --topology dense: mutual partners per participant (default 20)
        --settle SECONDS    after converging, run this long and check that nothing but heartbeats
                            was published (default 60; 0 skips the check)
        --json              print one JSON object per policy (policy, converged, convergedAtSeconds,
                            messagesPerNode, capacity, overAllocation, unusedCapacity, unmetNeed,
                            distanceToCentralised, ...) and nothing else
        --quiet             no progress lines, only the summary
        --memory            after each run, print the peak heap and the heap still in use after a
                            full GC with every node alive (for sizing; the GC takes a moment)
      """;

  private static final Set<String> VALUED = Set.of(
      "nodes", "seed", "loss", "duplication", "reordering", "latency", "policy", "max-time", "report", "partition",
      "crash", "topology", "providers-per-recipient", "capacity-ratio", "partners", "settle");
  private static final Duration PARTITION_FOR = Duration.ofSeconds(90);
  private static final Duration CRASH_FOR = Duration.ofSeconds(20);
  private static final Set<String> FLAGS = Set.of("quiet", "memory", "json");
  private static final long PROGRESS_EVERY_MILLIS = 5_000;

  private final PrintStream out;
  private final PrintStream err;
  private final Path workingDirectory;

  /** A command printing to {@code out}, resolving the report path against {@code workingDirectory}. */
  public SimulateCommand(PrintStream out, PrintStream err, Path workingDirectory) {
    this.out = out;
    this.err = err;
    this.workingDirectory = workingDirectory;
  }

  /** The parsed options of a run. */
  record Options(int nodes, long seed, NetworkConditions network, List<AllocationPolicy> policies,
      Duration maxTime, Path report, boolean quiet, boolean memory, double partition, double crash,
      String topology, int providersPerRecipient, double capacityRatio, int partners, Duration settle,
      boolean json) {

    /** The commons to simulate, or empty for the simulation's own generated one. */
    Optional<Commons> commons() {
      SplittableRandom random = new SplittableRandom(seed);
      return switch (topology) {
        case "providers" -> Optional.of(Topologies.providersPerRecipient(nodes, providersPerRecipient, capacityRatio, random));
        case "dense" -> Optional.of(Topologies.denseMutual(nodes, partners, random));
        default -> Optional.empty();
      };
    }

    /** The topology in words. */
    String describe() {
      return switch (topology) {
        case "providers" -> String.format(Locale.ROOT, "%d providers per recipient, capacity %.2fx need",
            providersPerRecipient, capacityRatio);
        case "dense" -> partners + " mutual partners each";
        default -> "generated";
      };
    }
  }

  /** Parses the options, naming whatever is wrong. */
  Options parse(List<String> args) throws UsageException {
    Arguments a = Arguments.parse("simulate", args, VALUED, FLAGS);
    if (!a.operands().isEmpty()) {
      throw new UsageException("simulate takes no operands, got " + a.operands());
    }
    int nodes = a.intOption("nodes", 50, 1, 100_000);
    long seed = a.longOption("seed", 1);
    double loss = a.doubleOption("loss", 0.05, 0, 1, true);
    double duplication = a.doubleOption("duplication", 0.02, 0, 1, false);
    double reordering = a.doubleOption("reordering", 0.05, 0, 1, false);
    long[] latency = latency(a.value("latency").orElse("20-150"));
    List<AllocationPolicy> policies = policies(a.value("policy").orElse("both"));
    int maxTime = a.intOption("max-time", 300, 1, 86_400);
    Path report = workingDirectory.resolve(a.value("report").orElse("target/commons-report.html"));
    NetworkConditions network = NetworkConditions.wideArea()
        .withLatency(Duration.ofMillis(latency[0]), Duration.ofMillis(latency[1]))
        .withLoss(loss)
        .withDuplication(duplication)
        .withReordering(reordering, Duration.ofMillis(500))
        .withRetransmission(Duration.ofMillis(2 * latency[1] + 100), 10);
    double partition = a.doubleOption("partition", 0, 0, 1, true);
    double crash = a.doubleOption("crash", 0, 0, 1, true);
    boolean providersGiven = a.value("providers-per-recipient").isPresent() || a.value("capacity-ratio").isPresent();
    String topology = a.value("topology").orElse(providersGiven ? "providers" : "generated").trim().toLowerCase(Locale.ROOT);
    if (!Set.of("generated", "providers", "dense").contains(topology)) {
      throw new UsageException("--topology must be generated, providers or dense, was '" + topology + "'");
    }
    if (providersGiven && !topology.equals("providers")) {
      throw new UsageException("--providers-per-recipient and --capacity-ratio need --topology providers, not " + topology);
    }
    if (a.value("partners").isPresent() && !topology.equals("dense")) {
      throw new UsageException("--partners needs --topology dense, not " + topology);
    }
    int k = a.intOption("providers-per-recipient", 2, 1, 1_000);
    double ratio = a.doubleOption("capacity-ratio", 1.6, 0, 1_000, true);
    if (!(ratio > 0)) {
      throw new UsageException("--capacity-ratio must be > 0, was " + ratio);
    }
    int partners = a.intOption("partners", 20, 1, 10_000);
    if (topology.equals("providers") && nodes < Math.max(k, Math.round(nodes * Topologies.PROVIDER_SHARE)) + 1) {
      throw new UsageException("--nodes " + nodes + " is too few for " + k + " providers per recipient");
    }
    if (topology.equals("dense") && partners >= nodes) {
      throw new UsageException("--partners must be below --nodes (" + nodes + "), was " + partners);
    }
    int settle = a.intOption("settle", 60, 0, 86_400);
    boolean json = a.flag("json");
    return new Options(nodes, seed, network, policies, Duration.ofSeconds(maxTime), report, a.flag("quiet") || json,
        a.flag("memory"), partition, crash, topology, k, ratio, partners, Duration.ofSeconds(settle), json);
  }

  /** Runs the command; returns the exit code. */
  public int run(List<String> args) throws UsageException {
    Options o = parse(args);
    text = o.json() ? new PrintStream(OutputStream.nullOutputStream()) : out;
    text.printf(Locale.ROOT, "Simulating %d participants (%s), seed %d: latency %d-%d ms, loss %.0f%%, duplication %.0f%%, "
            + "reordering %.0f%%, policies %s%n",
        o.nodes(), o.describe(), o.seed(), o.network().minLatency().toMillis(), o.network().maxLatency().toMillis(),
        o.network().loss() * 100, o.network().duplication() * 100, o.network().reordering() * 100,
        o.policies().stream().map(SimulateCommand::policyName).toList());
    text.println("Converged: at least 80% of the active participants giving or receiving hold SPEC 4.5's certificate"
        + " (own allocation settled, every followed state held, transport up, nothing changed for debounce + 1 s).");
    Optional<Commons> commons = o.commons();
    List<Summary> summaries = new ArrayList<>();
    List<SimulationResult> results = new ArrayList<>();
    failed = false;
    for (AllocationPolicy policy : o.policies()) {
      String name = policyName(policy);
      long[] nextProgress = {0};
      Simulation.Builder b = Simulation.builder()
          .nodes(o.nodes())
          .seed(o.seed())
          .network(o.network())
          .policy(policy)
          .timeLimit(o.maxTime());
      commons.ifPresent(b::commons);
      if (!o.quiet()) {
        b.onSample(s -> {
          if (s.atMillis() >= nextProgress[0]) {
            nextProgress[0] = s.atMillis() + PROGRESS_EVERY_MILLIS;
            progress(name, s);
          }
        });
      }
      if (o.memory()) {
        resetPeaks();
      }
      try (Simulation sim = b.build()) {
        boolean ok = sim.runUntilConverged().isPresent();
        if (o.memory()) {
          memory(name, sim);
        }
        SimulationResult first = sim.result();
        Summary summary = summarise(policy, o, sim, first, ok);
        summaries.add(summary);
        if (o.json()) {
          out.println(summary.toJson());
        }
        text.printf(Locale.ROOT, "[%s] centralised reference: %s; distance %.4f%% of capacity, over-allocation %.3f, "
                + "unmet need %.1f, %s%n", name, summary.referenceSettled()
                ? "settled in " + summary.referenceRounds() + " rounds" : "not settled", summary.distanceToCentralised() * 100,
            summary.overAllocation(), summary.unmetNeed(),
            summary.settled().map(v -> v ? "nothing but heartbeats published for " + o.settle().toSeconds() + " s after"
                : "still publishing changes " + o.settle().toSeconds() + " s after").orElse("settling not checked"));
        if (summary.settled().isPresent() && !summary.settled().get()) {
          ok = false;
        }
        text.printf(Locale.ROOT, "[%s] %s%n", name, first.converged()
            ? String.format(Locale.ROOT, "network converged at %.1f s virtual (%.2f s wall)",
                first.convergedAtMillis().getAsLong() / 1000.0, first.wallTime().toMillis() / 1000.0)
            : String.format(Locale.ROOT, "not converged within %d s virtual", o.maxTime().toSeconds()));
        if (ok && o.partition() > 0) {
          int k = Math.max(1, (int) Math.round(o.partition() * o.nodes()));
          sim.partition(sim.participants().subList(0, Math.min(k, o.nodes())));
          sim.runFor(PARTITION_FOR);
          sim.heal();
          ok = reconverge(name, sim, "healing the partition", o);
        }
        if (ok && o.crash() > 0) {
          List<String> victims = new ArrayList<>();
          int every = Math.max(1, (int) Math.round(1 / o.crash()));
          for (int i = every - 1; i < o.nodes(); i += every) {
            victims.add(sim.participants().get(i));
          }
          sim.crash(victims);
          sim.runFor(CRASH_FOR);
          sim.restart(victims);
          ok = reconverge(name, sim, "restarting " + victims.size() + " crashed participants", o)
              && reconvergeRestarted(name, sim, victims);
        }
        results.add(sim.result());
        if (!ok) {
          failed = true;
        }
      }
    }
    if (!o.json()) {
      summary(results);
    }
    try {
      HtmlReport.write(o.report(), "Allocation commons simulation: " + o.nodes() + " participants (" + o.describe()
          + "), seed " + o.seed(), results, summaries.stream().map(x -> Reference.of(x.settlement(), x.reference())).toList());
    } catch (IOException e) {
      err.println("error: could not write the report to " + o.report().toAbsolutePath() + ": " + e.getMessage());
      return 1;
    }
    text.println("Report: " + o.report().toAbsolutePath().normalize());
    return failed ? 1 : 0;
  }

  private boolean failed;
  private PrintStream text;

  /** Runs until converged again after a fault, within the time limit; says when. */
  private boolean reconverge(String name, Simulation sim, String after, Options o) {
    long from = sim.nowMillis();
    var again = sim.runUntilConverged(o.maxTime());
    text.printf(Locale.ROOT, "[%s] %s%n", name, again.isPresent()
        ? String.format(Locale.ROOT, "converged again %.1f s virtual after %s", (again.getAsLong() - from) / 1000.0,
            after)
        : String.format(Locale.ROOT, "not converged again within %d s virtual after %s", o.maxTime().toSeconds(),
            after));
    return again.isPresent();
  }

  /** The survivors alone may make 80%: also wait for every restarted node to be converged again. */
  private boolean reconvergeRestarted(String name, Simulation sim, List<String> restarted) {
    long from = sim.nowMillis();
    var caughtUp = sim.runUntil(() -> restarted.stream().allMatch(sim::isConverged), Duration.ofMinutes(5));
    text.printf(Locale.ROOT, "[%s] %s%n", name, caughtUp.isPresent()
        ? String.format(Locale.ROOT, "every restarted participant converged again %.1f s virtual later",
            (caughtUp.getAsLong() - from) / 1000.0)
        : "some restarted participants did not converge again within 5 min virtual");
    return caughtUp.isPresent();
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Peak heap (sum of the heap pools' peaks) and heap in use after a full GC, the nodes still alive. */
  private void memory(String policy, Simulation alive) {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.gc();
    long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    text.printf(Locale.ROOT, "[%s] heap: peak %.1f MiB, in use after GC %.1f MiB (%d nodes alive)%n", policy,
        peak / 1048576.0, live / 1048576.0, alive.participants().size() - alive.crashed().size());
  }

  private void progress(String policy, Sample s) {
    text.printf(Locale.ROOT, "[%s] t=%6.1fs converged %3d/%-3d (%3.0f%%) messages %,d bytes %,d max stamp %d B%n",
        policy, s.atMillis() / 1000.0, s.converged(), s.active(), s.convergedFraction() * 100, s.messages(),
        s.bytes(), s.maxStampBytes());
  }

  private void summary(List<SimulationResult> results) {
    text.println();
    text.println("Summary");
    text.printf(Locale.ROOT, "%-15s %14s %12s %14s %10s %22s %16s %10s%n",
        "policy", "converged at", "messages", "bytes", "max stamp", "unused capacity", "over-allocation", "wall time");
    for (SimulationResult r : results) {
      Sample last = r.timeline().isEmpty() ? null : r.timeline().get(r.timeline().size() - 1);
      String unused = last == null ? "-" : String.format(Locale.ROOT, "%.1f of %.1f (%.1f%%)", last.unusedCapacity(),
          last.capacity(), last.capacity() == 0 ? 0 : 100 * last.unusedCapacity() / last.capacity());
      text.printf(Locale.ROOT, "%-15s %14s %,12d %,14d %8d B %22s %16.1f %8.2f s%n",
          policyName(r.settings().policy()),
          r.converged() ? String.format(Locale.ROOT, "%.1f s", r.convergedAtMillis().getAsLong() / 1000.0) : "never",
          r.network().messages(), r.network().bytes(), r.maxStampBytes(), unused,
          last == null ? 0.0 : last.overAllocation(), r.wallTime().toMillis() / 1000.0);
    }
    for (SimulationResult r : results) {
      StringBuilder line = new StringBuilder();
      r.network().publishesByDocument().forEach((doc, n) ->
          line.append(line.length() == 0 ? "" : ", ").append(doc).append(' ').append(String.format(Locale.ROOT, "%,d", n)));
      text.printf(Locale.ROOT, "%-15s publishes by document: %s%n", policyName(r.settings().policy()), line);
    }
    if (results.size() == 2 && results.get(0).converged() && results.get(1).converged()) {
      SimulationResult f = results.get(0);
      SimulationResult w = results.get(1);
      text.printf(Locale.ROOT, "%s leaves %.1f units of capacity unused against %.1f for %s, over-allocates %.1f "
              + "against %.1f, and converges %s.%n",
          policyName(w.settings().policy()), w.finalUnusedCapacity(), f.finalUnusedCapacity(),
          policyName(f.settings().policy()), overAllocation(w), overAllocation(f),
          compare(w.convergedAtMillis().getAsLong(), f.convergedAtMillis().getAsLong()));
    }
  }

  private static double overAllocation(SimulationResult r) {
    return r.timeline().isEmpty() ? 0 : r.timeline().get(r.timeline().size() - 1).overAllocation();
  }

  private static String compare(long a, long b) {
    if (a == b) {
      return "at the same virtual time";
    }
    return String.format(Locale.ROOT, "%.1f s %s", Math.abs(a - b) / 1000.0, a < b ? "sooner" : "later");
  }

  /** The figures of one policy's run, and the centralised reference on the same commitments. */
  private Summary summarise(AllocationPolicy policy, Options o, Simulation sim, SimulationResult first, boolean ok) {
    long messagesAtConvergence =
        first.convergedAtMillis().isPresent()
            ? first.timeline().stream().filter(s -> s.atMillis() == first.convergedAtMillis().getAsLong())
                .mapToLong(Sample::messages).findFirst().orElse(first.network().messages())
            : first.network().messages();
    Optional<Boolean> settled = Optional.empty();
    OptionalDouble allConverged = OptionalDouble.empty();
    if (ok && o.settle().toMillis() > 0) {
      // 80% is the network's rule; settling is judged once every live node is converged
      OptionalLong all = sim.runUntil(
          () -> sim.participants().stream().filter(p -> !sim.crashed().contains(p)).allMatch(sim::isConverged),
          o.settle());
      if (all.isPresent()) {
        allConverged = OptionalDouble.of(all.getAsLong() / 1000.0);
        var before = sim.publishedFingerprint();
        sim.runFor(o.settle());
        settled = Optional.of(before.equals(sim.publishedFingerprint()));
      } else {
        settled = Optional.of(false);
      }
    }
    Settlement now = Settlement.of(sim);
    CentralisedSolver.Solution ref = Settlement.centralised(sim.commons().commitments(), policy, REFERENCE_ROUNDS);
    Settlement reference = Settlement.of(ref.received(), sim.statedNeeds(), sim.capacities());
    return new Summary(policyName(policy), o.describe(), o.nodes(), o.seed(), first.converged(),
        first.convergedAtMillis().isPresent() ? OptionalDouble.of(first.convergedAtMillis().getAsLong() / 1000.0)
            : OptionalDouble.empty(),
        messagesAtConvergence / (double) o.nodes(), now, reference, now.distanceTo(ref.received()), ref.rounds(),
        ref.settled(), allConverged, settled);
  }

  /** Rounds the centralised solver may take. */
  static final int REFERENCE_ROUNDS = 500;

  static String policyName(AllocationPolicy p) {
    return p.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** {@code faithful}, {@code water-filling} or {@code both}. */
  static List<AllocationPolicy> policies(String value) throws UsageException {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "faithful" -> List.of(AllocationPolicy.FAITHFUL);
      case "water-filling", "water_filling", "waterfilling" -> List.of(AllocationPolicy.WATER_FILLING);
      case "both" -> List.of(AllocationPolicy.FAITHFUL, AllocationPolicy.WATER_FILLING);
      default -> throw new UsageException("--policy must be faithful, water-filling or both, was '" + value + "'");
    };
  }

  private static long[] latency(String value) throws UsageException {
    String[] parts = value.trim().split("-", -1);
    try {
      long min = Long.parseLong(parts[0].trim());
      long max = parts.length == 1 ? min : Long.parseLong(parts[1].trim());
      if (parts.length > 2 || min < 0 || max < min || max > 60_000) {
        throw new NumberFormatException();
      }
      return new long[] {min, max};
    } catch (NumberFormatException e) {
      throw new UsageException("simulate: --latency must be MIN-MAX milliseconds with 0 <= MIN <= MAX <= 60000, "
          + "or one number, was '" + value + "'");
    }
  }
}
