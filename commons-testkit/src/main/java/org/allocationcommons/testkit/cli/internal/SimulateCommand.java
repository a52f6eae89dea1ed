package org.allocationcommons.testkit.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.testkit.network.NetworkConditions;
import org.allocationcommons.testkit.sim.HtmlReport;
import org.allocationcommons.testkit.sim.Sample;
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
        --quiet             no progress lines, only the summary
        --memory            after each run, print the peak heap and the heap still in use after a
                            full GC with every node alive (for sizing; the GC takes a moment)
      """;

  private static final Set<String> VALUED = Set.of(
      "nodes", "seed", "loss", "duplication", "reordering", "latency", "policy", "max-time", "report", "partition",
      "crash");
  private static final Duration PARTITION_FOR = Duration.ofSeconds(90);
  private static final Duration CRASH_FOR = Duration.ofSeconds(20);
  private static final Set<String> FLAGS = Set.of("quiet", "memory");
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
      Duration maxTime, Path report, boolean quiet, boolean memory, double partition, double crash) {}

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
    return new Options(nodes, seed, network, policies, Duration.ofSeconds(maxTime), report, a.flag("quiet"),
        a.flag("memory"), partition, crash);
  }

  /** Runs the command; returns the exit code. */
  public int run(List<String> args) throws UsageException {
    Options o = parse(args);
    out.printf(Locale.ROOT, "Simulating %d participants, seed %d: latency %d-%d ms, loss %.0f%%, duplication %.0f%%, "
            + "reordering %.0f%%, policies %s%n",
        o.nodes(), o.seed(), o.network().minLatency().toMillis(), o.network().maxLatency().toMillis(),
        o.network().loss() * 100, o.network().duplication() * 100, o.network().reordering() * 100,
        o.policies().stream().map(SimulateCommand::policyName).toList());
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
        out.printf(Locale.ROOT, "[%s] %s%n", name, first.converged()
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
    summary(results);
    try {
      HtmlReport.write(o.report(), "Allocation commons simulation: " + o.nodes() + " participants, seed " + o.seed(),
          results);
    } catch (IOException e) {
      err.println("error: could not write the report to " + o.report().toAbsolutePath() + ": " + e.getMessage());
      return 1;
    }
    out.println("Report: " + o.report().toAbsolutePath().normalize());
    return failed ? 1 : 0;
  }

  private boolean failed;

  /** Runs until converged again after a fault, within the time limit; says when. */
  private boolean reconverge(String name, Simulation sim, String after, Options o) {
    long from = sim.nowMillis();
    var again = sim.runUntilConverged(o.maxTime());
    out.printf(Locale.ROOT, "[%s] %s%n", name, again.isPresent()
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
    out.printf(Locale.ROOT, "[%s] %s%n", name, caughtUp.isPresent()
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
    out.printf(Locale.ROOT, "[%s] heap: peak %.1f MiB, in use after GC %.1f MiB (%d nodes alive)%n", policy,
        peak / 1048576.0, live / 1048576.0, alive.participants().size() - alive.crashed().size());
  }

  private void progress(String policy, Sample s) {
    out.printf(Locale.ROOT, "[%s] t=%6.1fs converged %3d/%-3d (%3.0f%%) messages %,d bytes %,d max stamp %d B%n",
        policy, s.atMillis() / 1000.0, s.converged(), s.active(), s.convergedFraction() * 100, s.messages(),
        s.bytes(), s.maxStampBytes());
  }

  private void summary(List<SimulationResult> results) {
    out.println();
    out.println("Summary");
    out.printf(Locale.ROOT, "%-15s %14s %12s %14s %10s %22s %16s %10s%n",
        "policy", "converged at", "messages", "bytes", "max stamp", "unused capacity", "over-allocation", "wall time");
    for (SimulationResult r : results) {
      Sample last = r.timeline().isEmpty() ? null : r.timeline().get(r.timeline().size() - 1);
      String unused = last == null ? "-" : String.format(Locale.ROOT, "%.1f of %.1f (%.1f%%)", last.unusedCapacity(),
          last.capacity(), last.capacity() == 0 ? 0 : 100 * last.unusedCapacity() / last.capacity());
      out.printf(Locale.ROOT, "%-15s %14s %,12d %,14d %8d B %22s %16.1f %8.2f s%n",
          policyName(r.settings().policy()),
          r.converged() ? String.format(Locale.ROOT, "%.1f s", r.convergedAtMillis().getAsLong() / 1000.0) : "never",
          r.network().messages(), r.network().bytes(), r.maxStampBytes(), unused,
          last == null ? 0.0 : last.overAllocation(), r.wallTime().toMillis() / 1000.0);
    }
    for (SimulationResult r : results) {
      StringBuilder line = new StringBuilder();
      r.network().publishesByDocument().forEach((doc, n) ->
          line.append(line.length() == 0 ? "" : ", ").append(doc).append(' ').append(String.format(Locale.ROOT, "%,d", n)));
      out.printf(Locale.ROOT, "%-15s publishes by document: %s%n", policyName(r.settings().policy()), line);
    }
    if (results.size() == 2 && results.get(0).converged() && results.get(1).converged()) {
      SimulationResult f = results.get(0);
      SimulationResult w = results.get(1);
      out.printf(Locale.ROOT, "%s leaves %.1f units of capacity unused against %.1f for %s, over-allocates %.1f "
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
