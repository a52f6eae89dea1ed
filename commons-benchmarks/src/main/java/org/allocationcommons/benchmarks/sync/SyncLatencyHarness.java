package org.allocationcommons.benchmarks.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.benchmarks.support.OneProviderInTen;
import org.allocationcommons.sync.CommonsNode;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.memory.MemoryNetwork;
import org.allocationcommons.sync.spi.DeliveryListener;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Subscription;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.time.Cancellable;
import org.allocationcommons.sync.time.Scheduler;
import org.allocationcommons.sync.time.VirtualScheduler;

/**
 * Measures, for commons of 10, 100 and 1,000 participants on the in-memory bus, the processing
 * latency from one participant's input change to the publication of its provider's new allocation
 * state, and the messages and bytes one change costs the network.
 *
 * <p>All nodes share one {@link VirtualScheduler}, so the 100 ms debounces (commitment publication,
 * allocation) cost no wall-clock time. Every change gets its own tag, which follows it: a task
 * scheduled while a tagged task runs carries the same tag, through {@code setNeeds}, the debouncers,
 * the bus (which delivers synchronously, inside the publishing task) and every node the change
 * reaches. Two latencies are reported, both <em>excluding the debounces</em> (add 200 ms for what a
 * user sees):
 *
 * <ul>
 *   <li><b>path</b>: the wall-clock time of the change's tasks until the answer (validate, sign,
 *       deliver, verify, decode, validate, causality, allocation, sign, publish). Other nodes'
 *       heartbeats that fall due in the same virtual 200 ms are not counted;
 *   <li><b>all</b>: the wall-clock time of everything the scheduler ran meanwhile, heartbeats
 *       included (what one single-threaded process hosting every node would see).
 * </ul>
 *
 * The answer is the first allocation state of the provider whose ITC stamp has seen the recipient's
 * new commitment (the heartbeat also sends the provider's unchanged state again, which must not
 * count). Nodes have no storage directory (no fsync).
 *
 * <p>Messages per change: the publishes, deliveries and bytes made by the change's tasks during the
 * 5 virtual seconds after it (so the follow-up publications, such as the state republished once
 * the provider's next convergence check passes, count; heartbeats and the harness's probe do not).
 *
 * <p>Topology: {@link OneProviderInTen}. Sponsors form a binary tree (node i invited by
 * (i - 1) / 2), keeping ITC ids shallow. Nodes start one after another over one heartbeat period
 * (30 s), so their heartbeats are spread evenly in time, and each change comes after a random idle
 * gap, at a random phase of the heartbeats. A warm-up of 30 changes on 100 nodes runs first.
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
    run(100, 30, seed + 1); // warm-up: JIT the whole path before anything is measured
    System.out.printf(Locale.ROOT, "%6s %6s %8s %8s %9s %9s %9s %9s %9s %9s %9s %10s %10s %10s %8s %10s%n",
        "n", "trials", "absorbed", "setup_s", "path_p50", "path_p95", "path_max", "all_p50", "all_p95",
        "all_max", "msgs/chg", "deliv/chg", "bytes/chg", "dbytes/chg", "stamp_ch", "converged");
    for (int n : sizes) {
      Result r = run(n, trials, seed);
      System.out.printf(Locale.ROOT,
          "%6d %6d %8d %8.1f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %10.1f %10.0f %10.0f %8d %9.0f%%%n",
          n, trials, r.absorbed, r.setupSeconds, r.path.p50, r.path.p95, r.path.max, r.all.p50, r.all.p95,
          r.all.max, r.messages, r.deliveries, r.bytes, r.deliveredBytes, r.maxStampChars,
          100 * r.convergedFraction);
    }
    System.out.println("latencies in ms of wall-clock time; bytes are envelope bytes; stamp_ch = longest"
        + " provider stamp in the paper's notation; absorbed = trials whose answer came from a computation"
        + " already pending before the change (left out of the path latency)");
  }

  record Percentiles(double p50, double p95, double max) {
    static Percentiles of(double[] xs) {
      double[] s = Arrays.stream(xs).filter(x -> !Double.isNaN(x)).sorted().toArray();
      int n = s.length;
      return new Percentiles(s[n / 2], s[Math.min(n - 1, (int) Math.ceil(n * 0.95) - 1)], s[n - 1]);
    }
  }

  record Result(double setupSeconds, int absorbed, Percentiles path, Percentiles all, double messages,
      double deliveries, double bytes, double deliveredBytes, int maxStampChars, double convergedFraction) {}

  static Result run(int n, int trials, long seed) {
    long setupStart = System.nanoTime();
    Random rnd = new Random(seed);
    VirtualScheduler virtual = VirtualScheduler.startingAtDefaultEpoch();
    TaggingScheduler scheduler = new TaggingScheduler(virtual);
    MemoryNetwork network = MemoryNetwork.create();
    List<CommonsNode> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Identity id = identity(i);
      CommonsNode.Builder b =
          CommonsNode.builder()
              .identity(id)
              .transport(new CountingTransport(network.transport(), scheduler))
              .scheduler(scheduler);
      if (i == 0) {
        b.founder();
      } else {
        Invitation inv = await(virtual, nodes.get((i - 1) / 2).invite(id.pubKey()));
        b.joinWith(inv);
      }
      CommonsNode node = b.build();
      node.start();
      nodes.add(node);
      // spread the starts over one heartbeat period, so heartbeats are spread evenly in time
      virtual.advanceBy(HEARTBEAT.dividedBy(n));
    }
    OneProviderInTen topology = OneProviderInTen.apply(nodes, rnd);
    List<Integer> recipients = topology.recipients();
    virtual.advanceBy(Duration.ofSeconds(20));
    double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

    double[] path = new double[trials];
    double[] all = new double[trials];
    int absorbed = 0;
    for (int t = 0; t < trials; t++) {
      int tag = t + 1;
      // a random gap, so the change falls at a random phase of the heartbeats
      virtual.advanceBy(Duration.ofMillis(rnd.nextInt((int) HEARTBEAT.toMillis())));

      CommonsNode recipient = nodes.get(recipients.get(rnd.nextInt(recipients.size())));
      CommonsNode provider = nodes.get(topology.providerOf().get(nodes.indexOf(recipient)));
      Stamp before = recipient.commitment().get().orElseThrow().itcStamp();
      boolean[] seen = {false};
      boolean[] answeredOnPath = {false};
      var probe = network.transport();
      probe.subscribe(
          DocumentPaths.of(provider.pubKey(), DocumentPaths.ALLOCATION_STATE),
          (p, in) -> {
            Stamp published = recipient.commitment().get().orElseThrow().itcStamp();
            AllocationState state = provider.allocationState().get().orElseThrow();
            // the provider's state answers the change once its stamp has seen the recipient's new commitment
            if (!seen[0] && !published.equals(before) && published.leq(state.itcStamp())) {
              seen[0] = true;
              answeredOnPath[0] = scheduler.currentTag() == tag;
              scheduler.stopTiming();
            }
          });
      var start = virtual.now();
      scheduler.measure(tag);
      double current = recipient.commitment().get().orElseThrow().needSlots().get(0).quantity();
      scheduler.runTagged(() -> recipient.setNeeds(List.of(NeedSlot.of("need", "meals", current == 10 ? 13 : 10))));
      var deadline = start.plus(WINDOW);
      while (!seen[0] && virtual.now().isBefore(deadline) && virtual.runNext()) {
        // run until the provider's answer is on the bus
      }
      if (!seen[0]) {
        throw new IllegalStateException("provider did not answer within " + WINDOW
            + " a change of its recipient: " + provider.diagnostics() + "\nrecipient: " + recipient.diagnostics());
      }
      // A provider computation already pending (a heartbeat's) absorbs the change, as the debouncer
      // does not restart; it then runs untagged and the path would be undercounted: leave it out.
      path[t] = answeredOnPath[0] ? scheduler.taggedNanos / 1e6 : Double.NaN;
      all[t] = scheduler.allNanos / 1e6;
      absorbed += answeredOnPath[0] ? 0 : 1;
      virtual.runUntil(start.plus(WINDOW)); // the change's follow-up publications are still counted
      probe.close();
    }
    long converged = nodes.stream().filter(x -> x.converged().get()).count();
    int maxStamp = topology.providers().stream().mapToInt(i -> nodes.get(i).stamp().toString().length()).max().orElse(0);
    for (CommonsNode node : nodes) {
      node.close();
    }
    return new Result(
        setupSeconds,
        absorbed,
        Percentiles.of(path),
        Percentiles.of(all),
        scheduler.publishes / (double) trials,
        scheduler.deliveries / (double) trials,
        scheduler.publishedBytes / (double) trials,
        scheduler.deliveredBytes / (double) trials,
        maxStamp,
        converged / (double) n);
  }

  /**
   * A scheduler over the virtual one that tags tasks with the change that caused them and keeps the
   * harness's counters. Confined to the thread driving the virtual scheduler.
   */
  static final class TaggingScheduler implements Scheduler {
    private final VirtualScheduler delegate;
    private int current;
    private int depth;
    private int measured;
    private boolean timing;
    long taggedNanos;
    long allNanos;
    long publishes;
    long publishedBytes;
    long deliveries;
    long deliveredBytes;

    TaggingScheduler(VirtualScheduler delegate) {
      this.delegate = delegate;
    }

    @Override
    public Clock clock() {
      return delegate.clock();
    }

    @Override
    public boolean inSchedulerThread() {
      return delegate.inSchedulerThread();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      int tag = current;
      return delegate.schedule(delay, () -> run(tag, task));
    }

    /** Starts timing change {@code tag} (counters of messages keep adding up over all changes). */
    void measure(int tag) {
      measured = tag;
      timing = true;
      taggedNanos = 0;
      allNanos = 0;
    }

    void stopTiming() {
      timing = false;
    }

    /** Runs {@code r} now, as the first task of the measured change. */
    void runTagged(Runnable r) {
      run(measured, r);
    }

    int currentTag() {
      return current;
    }

    boolean inMeasuredChange() {
      return current != 0 && current == measured;
    }

    private void run(int tag, Runnable task) {
      int outer = current;
      current = tag;
      depth++;
      boolean timed = timing;
      long t0 = System.nanoTime();
      try {
        task.run();
      } finally {
        long dt = System.nanoTime() - t0;
        current = outer;
        depth--;
        if (timed && depth == 0) { // a task run inside another is counted once, in the outer
          allNanos += dt;
          if (tag == measured) {
            taggedNanos += dt;
          }
        }
      }
    }
  }

  /** A node's transport that counts what the measured change publishes and delivers. */
  static final class CountingTransport implements Transport {
    private final Transport delegate;
    private final TaggingScheduler scheduler;

    CountingTransport(Transport delegate, TaggingScheduler scheduler) {
      this.delegate = delegate;
      this.scheduler = scheduler;
    }

    @Override
    public CompletionStage<Void> publish(String path, byte[] payload) {
      if (scheduler.inMeasuredChange()) {
        scheduler.publishes++;
        scheduler.publishedBytes += payload.length;
      }
      return delegate.publish(path, payload);
    }

    @Override
    public Subscription subscribe(String path, DeliveryListener listener) {
      return delegate.subscribe(
          path,
          (p, payload) -> {
            if (scheduler.inMeasuredChange()) {
              scheduler.deliveries++;
              scheduler.deliveredBytes += payload.length;
            }
            listener.onDelivery(p, payload);
          });
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public void close() {
      delegate.close();
    }
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
