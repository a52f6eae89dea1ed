package org.allocationcommons.benchmarks.itc;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.allocationcommons.itc.Stamp;

/**
 * Size of ITC stamps under churn, next to the version vectors the same history would need.
 *
 * <p>Participants arrive (a sponsored fork from a random active member), leave (their stamp is
 * joined into an heir chosen by a {@link Heir} policy), record events and merge what they hear (join
 * with another member's peek). The same history is replayed on
 * version vectors: one entry per participant that ever recorded an event, merged pointwise; entries
 * of departed participants cannot be dropped without global coordination, so they stay.
 *
 * <p>Version vector bytes are estimated two ways: fixed, {@code entries x (16-byte UUID + 8-byte
 * counter)}; and compact, {@code entries x 16 + sum of unsigned LEB128 varint lengths of the
 * counters}. ITC bytes are {@link Stamp#encodedSize()}, the paper's bit encoding.
 *
 * <p>Run: {@code java -cp commons-benchmarks/target/benchmarks.jar
 * org.allocationcommons.benchmarks.itc.ChurnExperiment [steps] [seed]}
 */
public final class ChurnExperiment {

  private static final int UUID_BYTES = 16;
  private static final int COUNTER_BYTES = 8;
  private static final String HEADER = "| step | active | ever | ITC mean B | ITC max B | id depth max"
      + " | VV entries mean | VV fixed mean B | VV fixed max B | VV varint mean B |";
  private static final String SEPARATOR = "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

  private String last = "";

  /** Who receives a departing participant's id. */
  enum Heir {
    /** Its sponsor if still active, else a random active member. */
    SPONSOR_OR_RANDOM,
    /**
     * Its sponsor, or whoever absorbed the sponsor's id when it left (transitively): the id goes
     * back to the holder of the neighbouring interval, which keeps id trees defragmented.
     */
    SPONSOR_CHAIN,
    /**
     * The active member whose id grows least (in encoded bytes) by absorbing the departing id; ids
     * are public in published stamps, so a leaver can compute this. Ties go to the earliest member.
     */
    BEST_FIT
  }

  private final Random random;
  private final int target;
  private final Heir policy;
  private final Map<Integer, Integer> absorbedBy = new HashMap<>();
  private final List<Member> active = new ArrayList<>();
  private int everSeen;
  private int arrivals;
  private int departures;

  private static final class Member {
    final int name;
    final int sponsor;
    Stamp stamp;
    Map<Integer, Long> vector;

    Member(int name, int sponsor, Stamp stamp, Map<Integer, Long> vector) {
      this.name = name;
      this.sponsor = sponsor;
      this.stamp = stamp;
      this.vector = vector;
    }
  }

  private ChurnExperiment(int target, Heir policy, long seed) {
    this.random = new Random(seed);
    this.target = target;
    this.policy = policy;
    active.add(new Member(everSeen++, -1, Stamp.seed(), new HashMap<>()));
  }

  /** Runs the experiment for a small and a larger commons and prints one table each. */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42L;
    PrintStream out = System.out;
    out.println("Stamps of the StampBenchmark populations (seed 42, no churn)");
    out.println("| participants | ITC mean B | ITC max B | id depth max |");
    out.println("|---:|---:|---:|---:|");
    for (int size : new int[] {1, 16, 256, 4096}) {
      List<Stamp> population = Population.build(size, 42);
      long sum = 0;
      int max = 0;
      int depth = 0;
      for (Stamp stamp : population) {
        sum += stamp.encodedSize();
        max = Math.max(max, stamp.encodedSize());
        depth = Math.max(depth, depth(stamp.id()));
      }
      out.printf("| %d | %.1f | %d | %d |%n", size, (double) sum / size, max, depth);
    }
    List<String> summary = new ArrayList<>();
    for (Heir policy : Heir.values()) {
      for (int target : new int[] {16, 64, 256}) {
        ChurnExperiment experiment = new ChurnExperiment(target, policy, seed);
        experiment.run(steps, out);
        summary.add("| " + policy + " | " + experiment.last + " |");
      }
    }
    out.printf("%nSummary at step %d (seed %d)%n", steps, seed);
    out.println("| heir | " + HEADER.substring(2));
    out.println("|---" + SEPARATOR);
    summary.forEach(out::println);
  }

  private void run(int steps, PrintStream out) {
    out.printf("%nChurn: target %d active, heir %s, %d steps (seed as given)%n", target, policy, steps);
    out.println(HEADER);
    out.println(SEPARATOR);
    int checkpoint = Math.max(1, steps / 5);
    for (int step = 1; step <= steps; step++) {
      step();
      if (step % checkpoint == 0) {
        report(step, out);
      }
    }
    out.printf("arrivals %d, departures %d%n", arrivals, departures);
  }

  private void step() {
    double roll = random.nextDouble();
    int n = active.size();
    // Growth phase until the target is first reached, then 2% + 2% churn pulled towards the target.
    double arrive = everSeen < target ? 0.20 : n < target ? 0.03 : n > target ? 0.01 : 0.02;
    double leave = everSeen < target ? 0.0 : n < target ? 0.01 : n > target ? 0.03 : 0.02;
    if (roll < arrive) {
      arrive();
    } else if (roll < arrive + leave && active.size() > 1) {
      leave();
    } else if (random.nextBoolean()) {
      Member m = active.get(random.nextInt(active.size()));
      m.stamp = m.stamp.event();
      m.vector.merge(m.name, 1L, Long::sum);
    } else {
      Member a = active.get(random.nextInt(active.size()));
      Member b = active.get(random.nextInt(active.size()));
      a.stamp = a.stamp.join(b.stamp.peek());
      a.vector = mergeVectors(a.vector, b.vector);
    }
  }

  private void arrive() {
    Member sponsor = active.get(random.nextInt(active.size()));
    Stamp.Fork fork = sponsor.stamp.fork();
    sponsor.stamp = fork.left();
    active.add(new Member(everSeen++, sponsor.name, fork.right(), new HashMap<>(sponsor.vector)));
    arrivals++;
  }

  private void leave() {
    Member leaving = active.remove(random.nextInt(active.size()));
    int wanted = leaving.sponsor;
    if (policy == Heir.SPONSOR_CHAIN) {
      while (absorbedBy.containsKey(wanted)) {
        wanted = absorbedBy.get(wanted);
      }
    }
    Member heir = null;
    if (policy == Heir.BEST_FIT) {
      Stamp leavingId = Stamp.of(leaving.stamp.id(), Stamp.Event.ZERO);
      int best = Integer.MAX_VALUE;
      for (Member m : active) {
        Stamp id = Stamp.of(m.stamp.id(), Stamp.Event.ZERO);
        int growth = id.join(leavingId).encodedSize() - id.encodedSize();
        if (growth < best) {
          best = growth;
          heir = m;
        }
      }
    }
    for (Member m : active) {
      if (heir == null && m.name == wanted) {
        heir = m;
      }
    }
    if (heir == null) {
      heir = active.get(random.nextInt(active.size()));
    }
    absorbedBy.put(leaving.name, heir.name);
    heir.stamp = heir.stamp.join(leaving.stamp);
    heir.vector = mergeVectors(heir.vector, leaving.vector);
    departures++;
  }

  private static Map<Integer, Long> mergeVectors(Map<Integer, Long> a, Map<Integer, Long> b) {
    Map<Integer, Long> merged = new HashMap<>(a);
    b.forEach((k, v) -> merged.merge(k, v, Math::max));
    return merged;
  }

  private void report(int step, PrintStream out) {
    long itcSum = 0;
    int itcMax = 0;
    int depthMax = 0;
    long entries = 0;
    long fixedMax = 0;
    long varintSum = 0;
    for (Member m : active) {
      int size = m.stamp.encodedSize();
      itcSum += size;
      itcMax = Math.max(itcMax, size);
      depthMax = Math.max(depthMax, depth(m.stamp.id()));
      entries += m.vector.size();
      fixedMax = Math.max(fixedMax, (long) m.vector.size() * (UUID_BYTES + COUNTER_BYTES));
      for (long counter : m.vector.values()) {
        varintSum += UUID_BYTES + varintLength(counter);
      }
    }
    int n = active.size();
    last = String.format("%d | %d | %d | %.1f | %d | %d | %.1f | %.0f | %d | %.0f",
        step, n, everSeen, (double) itcSum / n, itcMax, depthMax, (double) entries / n,
        (double) entries * (UUID_BYTES + COUNTER_BYTES) / n, fixedMax, (double) varintSum / n);
    out.println("| " + last + " |");
  }

  private static int depth(Stamp.Id id) {
    return id instanceof Stamp.Id.Node node
        ? 1 + Math.max(depth(node.left()), depth(node.right()))
        : 0;
  }

  private static int varintLength(long value) {
    int bytes = 1;
    while ((value >>>= 7) != 0) {
      bytes++;
    }
    return bytes;
  }
}
