package org.allocationcommons.testkit.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.subgroups.Subgroups;
import org.allocationcommons.sync.CommonsNode;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.VerificationCache;
import org.allocationcommons.sync.time.VirtualScheduler;
import org.allocationcommons.testkit.generators.Commons;
import org.allocationcommons.testkit.generators.CommonsGenerator;
import org.allocationcommons.testkit.network.NetworkConditions;
import org.allocationcommons.testkit.network.SimulatedNetwork;
import org.allocationcommons.testkit.sim.internal.NodeScheduler;

/**
 * A deterministic simulation of a whole commons: one real {@link CommonsNode} per participant, all on
 * one {@link VirtualScheduler} and one {@link SimulatedNetwork}, each with its own storage directory,
 * fed a generated commons ({@link CommonsGenerator}) or a given one.
 *
 * <p>The founder is the first participant; every other joins with an invitation from a member chosen
 * at random (sponsored join), and nodes start at random instants within the first two seconds. Each
 * participant follows those who recognise it (as it would know them from its app's contacts); the
 * algorithm makes it follow those it recognises.
 *
 * <p>The network counts as <em>converged</em> when at least {@link Builder#threshold(double) 80%} of the
 * active (not crashed) nodes are converged, a node being converged when its own certificate says so
 * ({@link CommonsNode#converged()}, SPEC 4.5) <em>and</em> it holds the latest commitment of every
 * participant it shares recognition with, fresh (the observer's truth: a node that heard from nobody
 * yet, or whose copy of a partner's commitment is older than the one published because a message was
 * lost, is not converged, whatever it believes).
 *
 * <p>Everything but wall time is a function of the settings: the same settings give the same
 * timeline, bit for bit. Drive it from one thread; {@link #close()} deletes the storage directories.
 *
 * <pre>{@code
 * try (Simulation sim = Simulation.builder().nodes(200).seed(7)
 *     .network(NetworkConditions.wideArea().withLoss(0.1)).build()) {
 *   OptionalLong at = sim.runUntilConverged();
 *   sim.partition(sim.participants().subList(0, 66));
 *   sim.runFor(Duration.ofMinutes(2));
 *   sim.heal();
 *   sim.runUntilConverged();
 *   SimulationResult r = sim.result();
 * }
 * }</pre>
 */
public final class Simulation implements AutoCloseable {

  /** When virtual time starts: the timestamp generated commitments carry. */
  public static final Instant START = Instant.ofEpochMilli(CommonsGenerator.BASE_TIMESTAMP);

  private static final Duration START_SPREAD = Duration.ofSeconds(2);

  private final SimulationSettings settings;
  private final Commons commons;
  private final Duration heartbeat;
  private final VerificationCache signatures;
  private final Consumer<Sample> onSample;
  private final VirtualScheduler scheduler;
  private final SimulatedNetwork network;
  private final Path storageRoot;
  private final boolean ownsStorage;
  private final long startNanos;

  private final List<String> participants;
  private final Map<String, Identity> identities = new LinkedHashMap<>();
  private final Map<String, Set<String>> partners = new HashMap<>();
  private final Map<String, String[]> followers = new HashMap<>();
  private final Map<String, Double> capacity = new HashMap<>();
  private final Map<String, Double> statedNeed = new HashMap<>();
  private final Map<String, NodeScheduler> schedulers = new HashMap<>();
  private final Map<String, CommonsNode> nodes = new LinkedHashMap<>();
  private final Set<String> crashed = new LinkedHashSet<>();
  private final List<RuntimeException> setupFailures = new ArrayList<>();
  private final long wallStart = System.nanoTime();

  private final List<Sample> timeline = new ArrayList<>();
  private final List<SimulationEvent> events = new ArrayList<>();
  private long nextSampleMillis;
  private OptionalLong convergedAt = OptionalLong.empty();
  private boolean convergedNow;
  private boolean closed;

  private Simulation(Builder b) {
    this.settings = new SimulationSettings(
        b.commons == null ? b.nodes : b.commons.size(), b.seed, b.network, b.policy, b.timeLimit, b.sampleEvery,
        b.threshold);
    this.heartbeat = b.heartbeat;
    this.signatures = b.signatures;
    this.onSample = b.onSample;
    SplittableRandom root = new SplittableRandom(b.seed);
    SplittableRandom commonsRandom = root.split();
    SplittableRandom identityRandom = root.split();
    SplittableRandom joinRandom = root.split();
    long networkSeed = root.nextLong();

    List<String> keys = new ArrayList<>();
    for (int i = 0; i < settings.nodes(); i++) {
      byte[] seed = new byte[Identity.KEY_BYTES];
      identityRandom.nextBytes(seed);
      Identity id = Identity.fromSeed(seed);
      identities.put(id.pubKey(), id);
      keys.add(id.pubKey());
    }
    this.participants = List.copyOf(keys);
    Commons base = b.commons == null ? CommonsGenerator.generate(settings.nodes(), commonsRandom) : b.commons;
    this.commons = base.withPubKeys(keys);
    indexRecognition();

    this.scheduler = VirtualScheduler.startingAt(START);
    this.startNanos = nanos(START);
    this.network = SimulatedNetwork.create(scheduler, networkSeed, settings.network());
    try {
      this.ownsStorage = b.storageRoot == null;
      this.storageRoot = ownsStorage ? createTempRoot() : Files.createDirectories(b.storageRoot);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the simulation's storage directory", e);
    }
    join(joinRandom);
  }

  /**
   * A builder with the defaults described on its methods.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What this simulation runs.
   *
   * @return the settings
   */
  public SimulationSettings settings() {
    return settings;
  }

  /**
   * The commons being simulated, with the participants' real keys.
   *
   * @return the commons
   */
  public Commons commons() {
    return commons;
  }

  /**
   * The participants' pubKeys, founder first.
   *
   * @return the pubKeys, founder first
   */
  public List<String> participants() {
    return participants;
  }

  /**
   * The network, to inspect its counters or inject faults directly.
   *
   * @return the simulated network
   */
  public SimulatedNetwork network() {
    return network;
  }

  /**
   * The shared virtual scheduler.
   *
   * @return the scheduler
   */
  public VirtualScheduler scheduler() {
    return scheduler;
  }

  /**
   * The current node of {@code pubKey} (after a crash and restart, the new one).
   *
   * @param pubKey the participant
   * @return its current node
   * @throws IllegalArgumentException if it is not a participant
   */
  public CommonsNode node(String pubKey) {
    CommonsNode n = nodes.get(pubKey);
    if (n == null) {
      throw new IllegalArgumentException("'" + pubKey + "' is not a participant of this simulation");
    }
    return n;
  }

  /**
   * The participants currently crashed.
   *
   * @return the crashed participants' pubKeys
   */
  public Set<String> crashed() {
    return Set.copyOf(crashed);
  }

  /**
   * Virtual milliseconds since the simulation started.
   *
   * @return the virtual milliseconds elapsed
   */
  public long nowMillis() {
    return (nanos(scheduler.now()) - startNanos) / 1_000_000L;
  }

  /**
   * Runs until the network counts as converged at a sample, or the time limit of the settings is
   * reached.
   *
   * @return the virtual time (ms since the start) of the converged sample, or empty
   */
  public OptionalLong runUntilConverged() {
    return runUntilConverged(Duration.ofMillis(Math.max(0, settings.timeLimit().toMillis() - nowMillis())));
  }

  /**
   * Runs until the network counts as converged at a sample, for at most {@code within}.
   *
   * @param within the most virtual time to run
   * @return the virtual time (ms since the start) of the converged sample, or empty
   */
  public OptionalLong runUntilConverged(Duration within) {
    return runUntil(() -> convergedNow, within);
  }

  /**
   * Runs until {@code condition} holds at a sample, for at most {@code within}; the condition is
   * checked right after each sample is recorded, so it may read the simulation and its nodes.
   *
   * @param condition checked after each sample
   * @param within the most virtual time to run
   * @return the virtual time (ms since the start) of the first sample at which it held, or empty
   */
  public OptionalLong runUntil(BooleanSupplier condition, Duration within) {
    requireOpen();
    Objects.requireNonNull(condition, "condition");
    long until = nowMillis() + within.toMillis();
    while (true) {
      long next = Math.min(nextSampleMillis, until);
      advanceTo(next);
      boolean sampled = !timeline.isEmpty() && timeline.get(timeline.size() - 1).atMillis() == nowMillis();
      if (sampled && condition.getAsBoolean()) {
        return OptionalLong.of(nowMillis());
      }
      if (nowMillis() >= until) {
        return OptionalLong.empty();
      }
    }
  }

  /**
   * Runs for {@code duration} of virtual time, sampling on the way.
   *
   * @param duration the virtual time to run
   */
  public void runFor(Duration duration) {
    requireOpen();
    advanceTo(nowMillis() + duration.toMillis());
  }

  /**
   * Cuts {@code group} off from the other participants until {@link #heal()}.
   *
   * @param group the pubKeys cut off
   * @throws IllegalArgumentException if a key is not a participant
   */
  public void partition(Collection<String> group) {
    requireOpen();
    group.forEach(this::node);
    network.partition(List.of(List.copyOf(group)));
    event("partitioned " + group.size() + " of " + participants.size() + " participants off");
  }

  /** Reconnects every partition. */
  public void heal() {
    requireOpen();
    network.heal();
    event("partition healed");
  }

  /**
   * Crashes these participants at once: their tasks stop, their transports go dark, nothing unflushed
   * is written.
   *
   * @param pubKeys the participants to crash
   * @throws IllegalArgumentException if a key is not a participant
   * @throws IllegalStateException if one is already crashed
   */
  public void crash(Collection<String> pubKeys) {
    requireOpen();
    for (String k : pubKeys) {
      node(k);
      if (crashed.contains(k)) {
        throw new IllegalStateException("participant " + k + " is already crashed");
      }
    }
    for (String k : pubKeys) {
      schedulers.get(k).kill();
      network.crash(k);
      crashed.add(k);
    }
    event("crashed " + pubKeys.size() + " participants");
  }

  /**
   * Restarts crashed participants from their storage directories, with fresh transports and the same
   * identities and bootstrap lists; they load their own documents and stamp from disk.
   *
   * @param pubKeys the crashed participants to restart
   * @throws IllegalStateException if one is not crashed
   */
  public void restart(Collection<String> pubKeys) {
    requireOpen();
    for (String k : pubKeys) {
      if (!crashed.contains(k)) {
        throw new IllegalStateException("participant " + k + " is not crashed; only a crashed one restarts");
      }
    }
    for (String k : pubKeys) {
      network.restart(k);
      CommonsNode n = newNode(k).build();
      nodes.put(k, n);
      crashed.remove(k);
      n.start();
    }
    event("restarted " + pubKeys.size() + " participants from storage");
  }

  /**
   * A sample of the current state (not recorded in the timeline).
   *
   * @return the sample
   */
  public Sample sample() {
    long now = scheduler.nowMillis();
    int active = 0;
    int converged = 0;
    int maxStamp = 0;
    double unused = 0;
    double totalCapacity = 0;
    Map<String, Double> received = new HashMap<>();
    for (Map.Entry<String, CommonsNode> e : nodes.entrySet()) {
      String k = e.getKey();
      if (crashed.contains(k)) {
        continue;
      }
      CommonsNode n = e.getValue();
      active++;
      if (isConverged(k, n, now)) {
        converged++;
      }
      maxStamp = Math.max(maxStamp, n.stamp().toByteArray().length);
      unused += unusedCapacity(k, n);
      totalCapacity += capacity.getOrDefault(k, 0.0);
      n.allocationState().get().ifPresent(st -> st.recipientTotals().forEach((r, q) -> received.merge(r, q, Double::sum)));
    }
    double over = 0;
    for (Map.Entry<String, Double> e : new java.util.TreeMap<>(received).entrySet()) {
      over += Math.max(0, e.getValue() - statedNeed.getOrDefault(e.getKey(), 0.0));
    }
    var stats = network.stats();
    return new Sample(nowMillis(), participants.size(), active, converged, stats.messages(), stats.bytes(), maxStamp,
        totalCapacity, unused, over, network.isPartitioned());
  }

  /**
   * What each recipient receives now: the sum over the live providers' latest allocation states
   * (recipients that receive nothing are absent).
   *
   * @return the totals received, by pubKey
   */
  public Map<String, Double> receivedByRecipient() {
    Map<String, Double> received = new java.util.TreeMap<>();
    for (Map.Entry<String, CommonsNode> e : nodes.entrySet()) {
      if (!crashed.contains(e.getKey())) {
        e.getValue().allocationState().get()
            .ifPresent(st -> st.recipientTotals().forEach((r, q) -> received.merge(r, q, Double::sum)));
      }
    }
    return received;
  }

  /**
   * Each participant's stated need (the sum of its need slots as generated).
   *
   * @return the stated needs, by pubKey
   */
  public Map<String, Double> statedNeeds() {
    return java.util.Collections.unmodifiableMap(statedNeed);
  }

  /**
   * Each participant's capacity (the sum of its capacity slots as generated).
   *
   * @return the capacities, by pubKey
   */
  public Map<String, Double> capacities() {
    return java.util.Collections.unmodifiableMap(capacity);
  }

  /**
   * A fingerprint of everything the live nodes last published but stamps, timestamps and damping
   * histories: equal fingerprints mean nothing was republished but heartbeats in between.
   *
   * @return the published content, by pubKey
   */
  public Map<String, List<Object>> publishedFingerprint() {
    Map<String, List<Object>> f = new java.util.TreeMap<>();
    for (Map.Entry<String, CommonsNode> e : nodes.entrySet()) {
      if (crashed.contains(e.getKey())) {
        continue;
      }
      CommonsNode n = e.getValue();
      List<Object> parts = new ArrayList<>();
      n.allocationState().get().ifPresentOrElse(st -> {
        parts.add(st.slotAllocations());
        parts.add(st.recipientTotals());
        parts.add(st.recipientOffers());
        parts.add(st.slotDenominators());
        parts.add(st.converged());
      }, () -> parts.add("no state"));
      n.commitment().get().ifPresentOrElse(c -> parts.addAll(content(c)), () -> parts.add("no commitment"));
      f.put(e.getKey(), parts);
    }
    return f;
  }

  /**
   * Whether {@code pubKey}'s node is converged and informed (see the class description).
   *
   * @param pubKey the participant
   * @return true when its node is converged and informed
   */
  public boolean isConverged(String pubKey) {
    return !crashed.contains(pubKey) && isConverged(pubKey, node(pubKey), scheduler.nowMillis());
  }

  /**
   * The run so far: timeline, events, convergence, network counters.
   *
   * @return the result so far
   */
  public SimulationResult result() {
    return new SimulationResult(settings, timeline, events, convergedAt, network.stats(),
        Duration.ofNanos(System.nanoTime() - wallStart));
  }

  /** Closes every live node and deletes the storage directories this simulation created. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Let every node run its start task first: a node closes on its scheduler's thread, which is
    // this one once it has started.
    scheduler.runUntil(max(scheduler.now(), START.plus(START_SPREAD)));
    for (Map.Entry<String, CommonsNode> e : nodes.entrySet()) {
      if (!crashed.contains(e.getKey())) {
        e.getValue().close();
      }
    }
    scheduler.runUntil(scheduler.now().plusSeconds(1));
    if (ownsStorage) {
      deleteRecursively(storageRoot);
    }
  }

  // --- setup ------------------------------------------------------------------------------------

  private void indexRecognition() {
    Map<String, List<String>> recognisedBy = new HashMap<>();
    for (Commitment c : commons.commitments()) {
      Set<String> mine = partners.computeIfAbsent(c.pubKey(), k -> new LinkedHashSet<>());
      for (Map.Entry<String, Double> w : c.recognitionWeights().entrySet()) {
        if (w.getValue() > 0) {
          mine.add(w.getKey());
          partners.computeIfAbsent(w.getKey(), k -> new LinkedHashSet<>()).add(c.pubKey());
          recognisedBy.computeIfAbsent(w.getKey(), k -> new ArrayList<>()).add(c.pubKey());
        }
      }
      statedNeed.put(c.pubKey(), c.statedNeed());
      capacity.put(c.pubKey(), c.capacitySlots().stream().mapToDouble(AvailabilitySlot::quantity).filter(q -> q > 0).sum());
    }
    for (String k : participants) {
      followers.put(k, recognisedBy.getOrDefault(k, List.of()).toArray(String[]::new));
    }
  }

  /** Builds every node: the founder, then each newcomer invited by a random member. */
  private void join(SplittableRandom random) {
    List<String> members = new ArrayList<>();
    for (String k : participants) {
      CommonsNode.Builder b = newNode(k);
      if (members.isEmpty()) {
        b.founder();
      } else {
        String sponsor = members.get(random.nextInt(members.size()));
        b.joinWith(await(nodes.get(sponsor).invite(k), "invitation of " + k + " by " + sponsor));
      }
      CommonsNode n = b.build();
      nodes.put(k, n);
      members.add(k);
      // Not awaited: the writes become durable on the scheduler once the simulation runs.
      Commitment c = commons.commitment(k).orElseThrow();
      watch(n.setCapacity(c.capacitySlots()), "capacity of " + k);
      watch(n.setNeeds(c.needSlots()), "needs of " + k);
      watch(n.setRecognition(c.recognitionWeights()), "recognition of " + k);
    }
    for (String k : participants) {
      CommonsNode n = nodes.get(k);
      scheduler.schedule(Duration.ofMillis(random.nextLong(START_SPREAD.toMillis())), () -> {
        if (!crashed.contains(k) && nodes.get(k) == n) {
          n.start();
        }
      });
    }
    event(participants.size() + " participants joined; founder " + participants.get(0).substring(0, 8));
  }

  private CommonsNode.Builder newNode(String k) {
    NodeScheduler ns = new NodeScheduler(scheduler);
    schedulers.put(k, ns);
    return CommonsNode.builder()
        .identity(identities.get(k))
        .transport(network.transportFor(k))
        .scheduler(ns)
        .storage(storageDir(k))
        .policy(settings.policy())
        .heartbeat(heartbeat)
        .verificationCache(signatures)
        .follow(followers.get(k));
  }

  private Path storageDir(String k) {
    return storageRoot.resolve("node-" + participants.indexOf(k));
  }

  private void watch(CompletionStage<?> stage, String what) {
    stage.whenComplete((ok, failure) -> {
      if (failure != null) {
        setupFailures.add(new IllegalStateException("setup step failed: " + what, failure));
      }
    });
  }

  /** Drives the scheduler until {@code stage} completes; setup work is due now, so no time passes. */
  private <T> T await(CompletionStage<T> stage, String what) {
    CompletableFuture<T> f = stage.toCompletableFuture();
    int guard = 0;
    while (!f.isDone()) {
      if (!scheduler.runNext() || ++guard > 10_000_000) {
        throw new IllegalStateException("setup step never completed: " + what);
      }
    }
    return f.join();
  }

  // --- running ----------------------------------------------------------------------------------

  private void advanceTo(long millis) {
    if (!setupFailures.isEmpty()) {
      throw setupFailures.get(0);
    }
    while (nextSampleMillis <= millis) {
      scheduler.runUntil(START.plusMillis(nextSampleMillis));
      record();
      nextSampleMillis += settings.sampleEvery().toMillis();
    }
    scheduler.runUntil(START.plusMillis(millis));
  }

  private void record() {
    Sample s = sample();
    timeline.add(s);
    boolean now = s.active() > 0 && s.convergedFraction() >= settings.threshold();
    if (now && !convergedNow) {
      if (convergedAt.isEmpty()) {
        convergedAt = OptionalLong.of(s.atMillis());
      }
      event(String.format(java.util.Locale.ROOT, "network converged: %d of %d active participants", s.converged(),
          s.active()));
    } else if (!now && convergedNow) {
      event(String.format(java.util.Locale.ROOT, "network no longer converged: %d of %d active participants",
          s.converged(), s.active()));
    }
    convergedNow = now;
    if (onSample != null) {
      onSample.accept(s);
    }
  }

  private boolean isConverged(String k, CommonsNode n, long now) {
    if (!n.converged().get()) {
      return false;
    }
    Map<String, Commitment> known = n.networkCommitments().get();
    for (String p : partners.getOrDefault(k, Set.of())) {
      Commitment c = known.get(p);
      if (c == null || !Subgroups.isActive(c, now)) {
        return false;
      }
      // the observer's truth: k holds p's latest commitment, not one that a lost message left behind
      if (!crashed.contains(p) && !sameContent(c, nodes.get(p).commitment().get())) {
        return false;
      }
    }
    return true;
  }

  /** What peers act on, the same in both (stamps, timestamps and damping histories aside). */
  private static boolean sameContent(Commitment held, Optional<Commitment> latest) {
    return latest.isPresent() && content(held).equals(content(latest.get()));
  }

  /** A commitment's content as peers act on it: all but stamp, timestamp and damping history. */
  private static List<Object> content(Commitment c) {
    return List.of(c.needSlots(), c.capacitySlots(), c.recognitionWeights(), c.dampingFactor(),
        c.receivedByProvider(), c.needSlotReports());
  }

  private double unusedCapacity(String k, CommonsNode n) {
    double cap = capacity.getOrDefault(k, 0.0);
    if (cap == 0) {
      return 0;
    }
    Optional<AllocationState> state = n.allocationState().get();
    double given = state.map(s -> s.slotAllocations().stream().mapToDouble(SlotAllocation::quantity).sum()).orElse(0.0);
    return Math.max(0, cap - given);
  }

  private void event(String description) {
    events.add(new SimulationEvent(nowMillis(), description));
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the simulation is closed");
    }
  }

  /**
   * A fresh temporary directory, in memory ({@code /dev/shm}) where there is one: every node write is
   * forced to the device, and thousands of fsyncs would otherwise make the wall time of a run about
   * disk latency. Crashes are simulated by stopping a node's tasks, so durability is not lost.
   */
  private static Path createTempRoot() throws IOException {
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      try {
        return Files.createTempDirectory(shm, "commons-sim-");
      } catch (IOException e) {
        // fall back to the default temporary directory
      }
    }
    return Files.createTempDirectory("commons-sim-");
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static long nanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort: a temp directory left behind is harmless
    }
  }

  /**
   * Signatures verified by any simulation of this JVM: a document delivered to many simulated
   * nodes, or the same document in the next run of a comparison, is verified once. Each node still
   * checks path, author, binding and document. About 25 MB when full.
   */
  static final VerificationCache JVM_SIGNATURES = VerificationCache.bounded(1 << 18);

  /** Configures a {@link Simulation}. */
  public static final class Builder {
    private int nodes = 50;
    private Commons commons;
    private long seed = 1;
    private NetworkConditions network = NetworkConditions.wideArea().withLoss(0.05).withDuplication(0.02)
        .withReordering(0.05, Duration.ofMillis(500));
    private AllocationPolicy policy = AllocationPolicy.FAITHFUL;
    private Duration timeLimit = Duration.ofMinutes(5);
    private Duration sampleEvery = Duration.ofSeconds(1);
    private double threshold = 0.8;
    private Duration heartbeat = Duration.ofSeconds(20);
    private Path storageRoot;
    private Consumer<Sample> onSample;
    private VerificationCache signatures = JVM_SIGNATURES;

    private Builder() {}

    /**
     * Participants of a generated commons. Default 50.
     *
     * @param nodes the number of participants
     * @return this builder
     */
    public Builder nodes(int nodes) {
      if (nodes < 1) {
        throw new IllegalArgumentException("nodes must be >= 1, was " + nodes);
      }
      this.nodes = nodes;
      return this;
    }

    /**
     * Simulates this commons instead of a generated one; its participants get real keys in order.
     *
     * @param commons the commons to simulate
     * @return this builder
     */
    public Builder commons(Commons commons) {
      this.commons = Objects.requireNonNull(commons, "commons");
      return this;
    }

    /**
     * Seed of the generated commons, the identities, the joins and every network fault. Default 1.
     *
     * @param seed the seed of every random choice
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Per-message faults. Default: wide area (20-150 ms), 5% loss, 2% duplication, 5% reordering.
     *
     * @param network the fault conditions
     * @return this builder
     */
    public Builder network(NetworkConditions network) {
      this.network = Objects.requireNonNull(network, "network");
      return this;
    }

    /**
     * Allocation policy of every node. Default {@link AllocationPolicy#FAITHFUL}.
     *
     * @param policy the allocation policy
     * @return this builder
     */
    public Builder policy(AllocationPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Virtual time after which {@link Simulation#runUntilConverged()} gives up. Default 5 minutes.
     *
     * @param limit the virtual time limit
     * @return this builder
     */
    public Builder timeLimit(Duration limit) {
      this.timeLimit = Objects.requireNonNull(limit, "timeLimit");
      return this;
    }

    /**
     * Virtual interval between timeline samples. Default 1 s.
     *
     * @param interval the sampling interval
     * @return this builder
     */
    public Builder sampleEvery(Duration interval) {
      this.sampleEvery = Objects.requireNonNull(interval, "sampleEvery");
      return this;
    }

    /**
     * Fraction of active nodes that must be converged. Default 0.8 (SPEC 4.5).
     *
     * @param threshold the converged fraction required, in (0, 1]
     * @return this builder
     */
    public Builder threshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    /**
     * The cache of verified signatures the nodes share. Default one shared by every simulation of
     * this JVM.
     *
     * @param cache answers a signature check already made by another node
     * @return this builder
     */
    public Builder verificationCache(VerificationCache cache) {
      this.signatures = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * Commitment republication interval of every node (below 60 s). Default 20 s.
     *
     * @param interval the republication interval
     * @return this builder
     */
    public Builder heartbeat(Duration interval) {
      this.heartbeat = Objects.requireNonNull(interval, "heartbeat");
      return this;
    }

    /**
     * Where the nodes' storage directories go. Default: a temporary directory deleted on close.
     *
     * @param directory the root of the storage directories
     * @return this builder
     */
    public Builder storageRoot(Path directory) {
      this.storageRoot = Objects.requireNonNull(directory, "storageRoot");
      return this;
    }

    /**
     * Called with every timeline sample as it is taken, for progress output.
     *
     * @param listener receives each sample
     * @return this builder
     */
    public Builder onSample(Consumer<Sample> listener) {
      this.onSample = Objects.requireNonNull(listener, "onSample");
      return this;
    }

    /**
     * Builds the nodes (founder, then sponsored joins) and feeds them their commitments; nothing runs
     * until the simulation is driven.
     *
     * @return the simulation, not yet running
     * @throws IllegalArgumentException naming a setting that is out of range
     */
    public Simulation build() {
      return new Simulation(this);
    }
  }
}
