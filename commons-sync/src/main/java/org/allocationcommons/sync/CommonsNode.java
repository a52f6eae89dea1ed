package org.allocationcommons.sync;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.allocationcommons.core.allocation.Allocation;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.allocation.AllocationResult;
import org.allocationcommons.core.convergence.Convergence;
import org.allocationcommons.core.damping.Damping;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.ConvergenceEntry;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.SlotDenominators;
import org.allocationcommons.core.subgroups.Subgroups;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.causality.CausalRegister;
import org.allocationcommons.sync.causality.Order;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.InvalidDocumentException;
import org.allocationcommons.sync.codec.Violation;
import org.allocationcommons.sync.document.DocumentType;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.sync.document.Retirement;
import org.allocationcommons.sync.envelope.Envelopes;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.Opened;
import org.allocationcommons.sync.envelope.RejectedEnvelopeException;
import org.allocationcommons.sync.envelope.RejectionCounter;
import org.allocationcommons.sync.internal.Membership;
import org.allocationcommons.sync.persist.PersistentStore;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Subscription;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.store.Debouncer;
import org.allocationcommons.sync.store.ReadableStore;
import org.allocationcommons.sync.store.Stores;
import org.allocationcommons.sync.store.WritableStore;
import org.allocationcommons.sync.time.Cancellable;
import org.allocationcommons.sync.time.Scheduler;
import org.allocationcommons.sync.time.SystemScheduler;
import org.allocationcommons.sync.time.VirtualScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant of an allocation commons: the entry point of commons-sync.
 *
 * <p>A node holds its participant's commitment (capacity, needs, recognition), publishes it signed
 * over a {@link Transport}, follows the documents of the participants the algorithm says it needs
 * (mutual partners: everything; non-mutual beneficiaries: commitment; non-mutual providers:
 * commitment and allocation state; plus everyone it {@link #follow follows}), computes its own
 * allocation reactively ({@link Builder#allocationDebounce 100 ms} after a change) with commons-core
 * and publishes it, aggregates what it receives and damps its need when over-allocated, republishes
 * its commitment every {@link Builder#heartbeat heartbeat} so it stays fresh, and reports local and
 * network convergence.
 *
 * <pre>{@code
 * MemoryNetwork network = MemoryNetwork.create();
 * Identity aliceId = Identity.generate();
 * Identity bobId = Identity.generate();
 * CommonsNode alice = CommonsNode.builder()
 *     .identity(aliceId)
 *     .transport(network.transport())
 *     .storage(Path.of("alice"))
 *     .founder()
 *     .build();
 * alice.start();
 * alice.setCapacity(List.of(AvailabilitySlot.of("s1", "bread", 10)));
 * alice.setRecognition(Map.of(bobId.pubKey(), 0.5));
 * Invitation inv = alice.invite(bobId.pubKey()).toCompletableFuture().join();
 * CommonsNode bob = CommonsNode.builder()
 *     .identity(bobId)
 *     .transport(network.transport())
 *     .joinWith(inv)
 *     .build();
 * bob.start();
 * }</pre>
 *
 * <h2>Threading</h2>
 *
 * Every state change runs on the node's {@link Scheduler}, one task at a time, so the node takes no
 * locks: transport deliveries hop onto it, and the input methods validate on the caller's thread
 * (throwing at once for bad input, changing nothing) and then apply on the scheduler; their
 * {@link CompletionStage}s complete there. With a {@link VirtualScheduler} nothing happens until the
 * caller drives it. Readables may be read from any thread.
 *
 * <h2>Causality and membership</h2>
 *
 * A node publishes only while it owns an ITC id: the {@link Builder#founder() founder} starts from
 * {@link Stamp#seed()}; anyone else is {@link #invite invited} by a member, who forks its stamp and
 * hands one half over ({@link Builder#joinWith}, or in-band with {@link Builder#awaitInvitationFrom});
 * a member leaving {@link #retire() retires} and its sponsor joins the id back. Before publishing,
 * {@code stamp = stamp.event()}; after accepting a peer's document, {@code stamp =
 * stamp.join(peer.peek())}; documents are ordered by the rules of {@link CausalRegister}.
 *
 * <h2>Durability</h2>
 *
 * With a {@link Builder#storage storage} directory, the node's own documents and membership are
 * loaded at build time and written crash-safely; the stages returned by the input methods complete
 * when the change is durable, and such changes survive a crash. A stamp is durable before any
 * document carrying it is published.
 */
public final class CommonsNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CommonsNode.class);

  /** How long after an unconverged computation the node checks again (continuous convergence). */
  static final Duration CONVERGENCE_RECHECK = Duration.ofSeconds(1);

  private final Identity identity;
  private final String me;
  private final Transport transport;
  private final Scheduler scheduler;
  private final boolean ownsScheduler;
  private final Codec codec;
  private final Envelopes envelopes;
  private final AllocationPolicy policy;
  private final Duration heartbeat;

  // durable own state
  private final PersistentStore<Membership> membership;
  private final PersistentStore<Commitment> myCommitment;
  private final PersistentStore<RecognitionWeights> myWeights;
  private final PersistentStore<AllocationState> myState;

  // network state
  private final CausalRegister<Commitment> commitments = CausalRegister.named("commitment");
  private final CausalRegister<AllocationState> states = CausalRegister.named("allocationState");
  private final CausalRegister<RecognitionWeights> weights = CausalRegister.named("recognitionWeights");
  private final RejectionCounter rejections = new RejectionCounter();

  // readables
  private final AtomicLong listenerFailures = new AtomicLong();
  private final WritableStore<Map<String, Commitment>> networkCommitments;
  private final WritableStore<Received> received;
  private final WritableStore<Boolean> converged;

  // reactive machinery
  private final Debouncer allocate;
  private final Debouncer publishCommitment;
  private final Set<String> follows = new LinkedHashSet<>();
  private final Map<String, Subscription> subscriptions = new HashMap<>();
  /** The envelope last published at each of our paths, to recognise its echo without verifying it. */
  private final Map<String, byte[]> lastSent = new HashMap<>();
  private Cancellable heartbeatTask;
  private Cancellable recheckTask;
  private boolean commitmentUnpublished;
  private boolean weightsUnpublished;
  private Optional<Map<String, SlotDenominators>> previousDenominators = Optional.empty();
  private List<ConvergenceEntry> convergenceHistory = List.of();
  private boolean locallyConverged;
  private Optional<Subgroups> lastSubgroups = Optional.empty();
  private Map<String, Double> lastMr = Map.of();
  private double lastDampedTotal = Double.NaN;
  private long computations;
  private long published;
  private long publishedBytes;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean closed;

  private CommonsNode(Builder b) {
    this.identity = b.identity;
    this.me = identity.pubKey();
    this.transport = b.transport;
    this.ownsScheduler = b.scheduler == null;
    this.scheduler = ownsScheduler ? Scheduler.system("commons-node-" + me.substring(0, 8)) : b.scheduler;
    this.codec = b.codec;
    this.envelopes = Envelopes.using(codec);
    this.policy = b.policy;
    this.heartbeat = b.heartbeat;
    Consumer<RuntimeException> onFailure =
        e -> {
          listenerFailures.incrementAndGet();
          Stores.LOG_FAILURES.accept(e);
        };
    this.networkCommitments = Stores.writable(Map.of(), onFailure);
    this.received = Stores.writable(Received.NOTHING, onFailure);
    this.converged = Stores.writable(false, onFailure);
    this.membership = store(b, "membership", Membership.class, onFailure);
    this.myCommitment = store(b, "commitment", Commitment.class, onFailure);
    this.myWeights = store(b, "recognitionWeights", RecognitionWeights.class, onFailure);
    this.myState = store(b, "allocationState", AllocationState.class, onFailure);
    this.allocate = Debouncer.of(scheduler, b.allocationDebounce, this::recompute);
    this.publishCommitment = Debouncer.of(scheduler, b.allocationDebounce, this::publishCommitmentNow);
    this.follows.addAll(b.follows);
    initMembership(b);
    myState.get().ifPresent(s -> previousDenominators = Optional.of(s.slotDenominators()));
    myState.get().ifPresent(s -> convergenceHistory = s.convergenceHistory());
  }

  private <T> PersistentStore<T> store(
      Builder b, String name, Class<T> type, Consumer<RuntimeException> onFailure) {
    if (b.storage == null) {
      return PersistentStore.inMemory(codec, scheduler, onFailure);
    }
    return PersistentStore.open(
        b.storage.resolve(name + ".json"), type, codec, scheduler, b.persistDebounce, onFailure);
  }

  private void initMembership(Builder b) {
    Optional<Membership> stored = membership.get();
    if (stored.isPresent() && !stored.get().pubKey().equals(me)) {
      throw new IllegalArgumentException(
          "storage " + b.storage + " belongs to " + stored.get().pubKey() + ", not to " + me);
    }
    Membership m =
        stored.orElseGet(
            () -> {
              if (b.founder) {
                return Membership.of(me, Stamp.seed());
              }
              Membership reader = Membership.of(me, Stamp.seed().peek());
              return b.awaitFrom == null ? reader : reader.awaiting(b.awaitFrom);
            });
    if (b.invitation != null && m.itcStamp().isAnonymous()) {
      m = m.joined(b.invitation.sponsor(), b.invitation.itcStamp().join(m.itcStamp().peek()));
    } else if (b.invitation != null) {
      log.info("{} already owns an id {}; ignoring invitation from {}", me, m.itcStamp(), b.invitation.sponsor());
    }
    // Recover knowledge from our own documents in case a crash separated their writes.
    Stamp s = m.itcStamp();
    for (Optional<?> doc : List.of(myCommitment.get(), myWeights.get(), myState.get())) {
      if (doc.isPresent()) {
        s = s.join(DocumentType.stampOf(doc.get()).peek());
      }
    }
    membership.set(Optional.of(m.withStamp(s)));
    membership.flushNow();
    commitmentUnpublished = myCommitment.get().isPresent();
    weightsUnpublished = myWeights.get().isPresent();
  }

  /** A builder; {@link Builder#identity} and {@link Builder#transport} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** This participant's public key (its name in the commons). */
  public String pubKey() {
    return me;
  }

  /**
   * Starts following the network: subscribes, schedules the heartbeat and the first computation,
   * and publishes a stored commitment so peers see this node fresh.
   *
   * @throws IllegalStateException if already started or closed
   */
  public void start() {
    if (closed) {
      throw new IllegalStateException("node " + me + " is closed");
    }
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("node " + me + " is already started");
    }
    scheduler.execute(
        () -> {
          syncSubscriptions();
          heartbeatTask = scheduler.schedule(heartbeat, this::heartbeat);
          if (commitmentUnpublished || weightsUnpublished) {
            publishCommitment.trigger();
          }
          allocate.trigger();
        });
  }

  /**
   * Replaces this participant's capacity slots.
   *
   * @return completes when the change is durable (at once without storage)
   * @throws InvalidDocumentException naming field, value and rule if a slot is invalid (nothing
   *     changes)
   */
  public CompletionStage<Void> setCapacity(List<AvailabilitySlot> slots) {
    List<AvailabilitySlot> copy = List.copyOf(Objects.requireNonNull(slots, "slots"));
    requireValidSlots("capacity_slots", copy);
    return change(c -> c.capacitySlots(copy), false);
  }

  /**
   * Replaces this participant's need slots.
   *
   * @return completes when the change is durable
   * @throws InvalidDocumentException naming field, value and rule if a slot is invalid
   */
  public CompletionStage<Void> setNeeds(List<NeedSlot> slots) {
    List<NeedSlot> copy = List.copyOf(Objects.requireNonNull(slots, "slots"));
    requireValidSlots("need_slots", copy);
    return change(c -> c.needSlots(copy), false);
  }

  /**
   * Replaces this participant's recognition weights: shares in [0, 1] by pubKey. Everyone
   * recognised is followed.
   *
   * @return completes when the change is durable
   * @throws InvalidDocumentException naming the key, value and rule for a weight that is not a
   *     finite number in [0, 1] or a key that is not a pubKey
   */
  public CompletionStage<Void> setRecognition(Map<String, Double> recognition) {
    Objects.requireNonNull(recognition, "recognition");
    List<Violation> vs = new ArrayList<>();
    Map<String, Double> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : new java.util.TreeMap<>(recognition).entrySet()) {
      String k = e.getKey();
      Double v = e.getValue();
      if (!isKey(k)) {
        vs.add(Violation.of("recognition_weights[" + k + "]", k, "key must be a pubKey (1-128 base64url characters)"));
      }
      if (v == null || !(v >= 0 && v <= 1)) {
        vs.add(Violation.of("recognition_weights[" + k + "]", v, "must be a finite number in [0, 1]"));
      }
      copy.put(k, v);
    }
    if (!vs.isEmpty()) {
      throw new InvalidDocumentException("recognition", vs);
    }
    Map<String, Double> frozen = Collections.unmodifiableMap(copy);
    return change(c -> c.recognitionWeights(frozen), true);
  }

  /**
   * Follows {@code pubKey}: subscribes to its commitment (and, once the algorithm finds it
   * relevant, more), so a node can discover peers that recognise it. Idempotent.
   *
   * @throws IllegalArgumentException if it is not a pubKey
   */
  public void follow(String pubKey) {
    if (!isKey(pubKey)) {
      throw new IllegalArgumentException("pubKey = " + pubKey + ": must be 1-128 base64url characters");
    }
    onScheduler(
        () -> {
          if (follows.add(pubKey)) {
            syncSubscriptions();
          }
        });
  }

  /**
   * Invites {@code newcomer} (sponsored join): forks this member's stamp, keeps one half, makes
   * the change durable, then publishes the signed invitation at {@code
   * ~<me>/allocation/invitation.<newcomer>} and returns it. The newcomer either builds with {@link
   * Builder#joinWith} or waits for it in-band ({@link Builder#awaitInvitationFrom}).
   *
   * @return completes with the invitation; fails with {@link IllegalStateException} if this node owns
   *     no id (not yet sponsored, or retired)
   * @throws IllegalArgumentException if {@code newcomer} is not a pubKey or is this node
   */
  public CompletionStage<Invitation> invite(String newcomer) {
    if (!isKey(newcomer) || newcomer.equals(me)) {
      throw new IllegalArgumentException(
          "newcomer = " + newcomer + ": must be another participant's pubKey");
    }
    return callOnScheduler(
        () -> {
          Membership m = membership.get().orElseThrow();
          if (m.itcStamp().isAnonymous()) {
            throw new IllegalStateException(me + " owns no ITC id (not sponsored, or retired): cannot invite");
          }
          Stamp.Fork f = m.itcStamp().fork();
          membership.set(Optional.of(m.invitedOne(newcomer, f.left())));
          membership.flushNow();
          Invitation inv = new Invitation(me, newcomer, f.right(), scheduler.nowMillis());
          send(DocumentPaths.invitation(me, newcomer), inv);
          syncSubscriptions();
          return inv;
        });
  }

  /**
   * Leaves the commons: publishes a signed {@link Retirement} handing this node's id back to its
   * sponsor (who joins it once), becomes anonymous and stops publishing. Without a sponsor (the
   * founder) the id is simply given up. The node keeps reading until closed.
   *
   * @return completes when the retirement is durable and published; fails with {@link
   *     IllegalStateException} if the node owns no id
   */
  public CompletionStage<Void> retire() {
    return callOnScheduler(
        () -> {
          Membership m = membership.get().orElseThrow();
          if (m.itcStamp().isAnonymous()) {
            throw new IllegalStateException(me + " owns no ITC id: nothing to retire");
          }
          Stamp last = m.itcStamp();
          membership.set(Optional.of(m.retiredWith(last.peek())));
          membership.flushNow();
          if (m.sponsor().isPresent()) {
            send(DocumentPaths.of(me, DocumentPaths.RETIREMENT), new Retirement(me, m.sponsor().get(), last, scheduler.nowMillis()));
          }
          publishCommitment.cancel();
          return null;
        });
  }

  /** Completes when everything changed so far is durable. */
  public CompletionStage<Void> flush() {
    return callOnScheduler(
            () -> {
              List<CompletableFuture<Void>> all = new ArrayList<>();
              for (PersistentStore<?> s : List.of(membership, myCommitment, myWeights, myState)) {
                s.flushNow();
                all.add(s.durable().toCompletableFuture());
              }
              return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
            })
        .thenCompose(f -> f);
  }

  /** This participant's commitment as last set or published; empty before the first input. */
  public ReadableStore<Optional<Commitment>> commitment() {
    return myCommitment;
  }

  /** This participant's allocation state as last published; empty before the first publication. */
  public ReadableStore<Optional<AllocationState>> allocationState() {
    return myState;
  }

  /** What this participant receives from the providers it follows. */
  public ReadableStore<Received> received() {
    return received;
  }

  /** The commitments this node holds, by pubKey (fresh or not; see {@link Subgroups#active}). */
  public ReadableStore<Map<String, Commitment>> networkCommitments() {
    return networkCommitments;
  }

  /**
   * Network convergence as this node sees it: at least 80% of the participants whose fresh
   * commitment and allocation state it holds, itself included, report {@code converged}.
   */
  public ReadableStore<Boolean> converged() {
    return converged;
  }

  /**
   * A snapshot of the node's state. Taken on the node's scheduler (waiting for it when called from
   * another thread), so it is consistent and free of data races.
   */
  public Diagnostics diagnostics() {
    return callAndWait(this::snapshot);
  }

  private Diagnostics snapshot() {
    Membership m = membership.get().orElseThrow();
    long now = scheduler.nowMillis();
    return new Diagnostics(
        me,
        m.itcStamp().toString(),
        !m.itcStamp().isAnonymous(),
        m.sponsor(),
        lastSubgroups,
        lastMr,
        commitments.snapshot().size(),
        Collections.unmodifiableSortedSet(new TreeSet<>(Subgroups.active(commitments.snapshot(), now).keySet())),
        states.snapshot().size(),
        subscriptions.size(),
        commitments.acceptedCount() + states.acceptedCount() + weights.acceptedCount(),
        commitments.staleCount() + states.staleCount() + weights.staleCount(),
        commitments.concurrentCount() + states.concurrentCount() + weights.concurrentCount(),
        rejections.snapshot(),
        published,
        publishedBytes,
        computations,
        locallyConverged,
        converged.get(),
        received.get(),
        listenerFailures.get());
  }

  /** The node's current ITC stamp. */
  public Stamp stamp() {
    return membership.get().orElseThrow().itcStamp();
  }

  /**
   * Stops the node: cancels its tasks, flushes its stores, closes its subscriptions. Does not close
   * the transport (the caller owns it) nor a scheduler it was given. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    onScheduler(
        () -> {
          closed = true;
          allocate.cancel();
          publishCommitment.cancel();
          if (heartbeatTask != null) {
            heartbeatTask.cancel();
          }
          if (recheckTask != null) {
            recheckTask.cancel();
          }
          for (Subscription s : subscriptions.values()) {
            s.close();
          }
          subscriptions.clear();
          for (PersistentStore<?> s : List.of(membership, myCommitment, myWeights, myState)) {
            s.flushNow();
          }
        });
    closed = true;
    if (ownsScheduler) {
      ((SystemScheduler) scheduler).close();
    }
  }

  // ---------------------------------------------------------------- input

  private CompletionStage<Void> change(
      java.util.function.UnaryOperator<Commitment.Builder> edit, boolean weightsChanged) {
    return callOnScheduler(
            () -> {
              requireOpen();
              long now = scheduler.nowMillis();
              Commitment base =
                  myCommitment.get().orElseGet(() -> Commitment.builder(me).itcStamp(stamp().peek()).timestamp(now).build());
              Commitment next = edit.apply(base.toBuilder()).timestamp(Math.max(now, 1)).build();
              myCommitment.set(Optional.of(next));
              if (weightsChanged) {
                myWeights.set(
                    Optional.of(new RecognitionWeights(me, next.recognitionWeights(), stamp().peek(), Math.max(now, 1))));
                weightsUnpublished = true;
                syncSubscriptions();
              }
              commitmentUnpublished = true;
              publishCommitment.trigger();
              allocate.trigger();
              return myCommitment.durable().thenCompose(v -> myWeights.durable()).toCompletableFuture();
            })
        .thenCompose(f -> f);
  }

  private void requireValidSlots(String field, List<?> slots) {
    List<Violation> vs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < slots.size(); i++) {
      Object slot = slots.get(i);
      if (slot == null) {
        vs.add(Violation.of(field + "[" + i + "]", null, "must not be null"));
        continue;
      }
      for (Violation v : codec.validate(slot)) {
        vs.add(new Violation(field + "[" + i + "]." + v.field(), v.value(), v.rule()));
      }
      String id = slot instanceof AvailabilitySlot a ? a.id() : ((NeedSlot) slot).id();
      if (!ids.add(id)) {
        vs.add(Violation.of(field + "[" + i + "].id", id, "must be unique among " + field));
      }
    }
    if (!vs.isEmpty()) {
      throw new InvalidDocumentException(field, vs);
    }
  }

  private static boolean isKey(String k) {
    return k != null && k.matches("[A-Za-z0-9_-]{1,128}");
  }

  // ---------------------------------------------------------------- publishing

  private boolean member() {
    return !stamp().isAnonymous();
  }

  private Stamp tick() {
    Membership m = membership.get().orElseThrow();
    Stamp s = m.itcStamp().event();
    membership.set(Optional.of(m.withStamp(s)));
    return s;
  }

  private void publishCommitmentNow() {
    if (closed || !member() || myCommitment.get().isEmpty()) {
      return;
    }
    long now = scheduler.nowMillis();
    Stamp s = tick();
    Commitment c = myCommitment.get().get().toBuilder().mrValues(positive(lastMr)).itcStamp(s).timestamp(now).build();
    myCommitment.set(Optional.of(c));
    RecognitionWeights w = null;
    if (weightsUnpublished) {
      w = new RecognitionWeights(me, c.recognitionWeights(), s, now);
      myWeights.set(Optional.of(w));
    }
    durableBeforePublish();
    send(DocumentPaths.of(me, DocumentPaths.COMMITMENT), c);
    if (w != null) {
      send(DocumentPaths.of(me, DocumentPaths.RECOGNITION_WEIGHTS), w);
    }
    commitmentUnpublished = false;
    weightsUnpublished = false;
  }

  private static Map<String, Double> positive(Map<String, Double> mr) {
    Map<String, Double> m = new LinkedHashMap<>();
    mr.forEach(
        (k, v) -> {
          if (v > 0) {
            m.put(k, v);
          }
        });
    return m;
  }

  private void durableBeforePublish() {
    for (PersistentStore<?> s : List.of(membership, myCommitment, myWeights, myState)) {
      s.flushNow();
    }
  }

  private void send(String path, Object document) {
    byte[] bytes = envelopes.seal(identity, path, document);
    lastSent.put(path, bytes);
    try {
      transport.publish(path, bytes)
          .whenComplete(
              (v, e) -> {
                if (e != null) {
                  log.warn("{}: publish of {} failed", me, path, e);
                }
              });
      published++;
      publishedBytes += bytes.length;
    } catch (RuntimeException e) {
      log.warn("{}: publish of {} failed", me, path, e);
    }
  }

  private void heartbeat() {
    if (closed) {
      return;
    }
    if (member() && myCommitment.get().isPresent()) {
      publishCommitment.cancel(); // this publication covers a pending debounced one
      publishCommitmentNow();
    }
    if (member() && myState.get().isPresent()) {
      // Same document, same stamp: peers holding it ignore it as a duplicate, and a peer whose copy
      // was lost (a dropped delivery, a relay that restarted) gets it back within one heartbeat.
      send(DocumentPaths.of(me, DocumentPaths.ALLOCATION_STATE), myState.get().get());
    }
    allocate.trigger();
    heartbeatTask = scheduler.schedule(heartbeat, this::heartbeat);
  }

  // ---------------------------------------------------------------- allocation

  private void recompute() {
    if (closed) {
      return;
    }
    long now = scheduler.nowMillis();
    computations++;
    Map<String, Double> myW = myCommitment.get().map(Commitment::recognitionWeights).orElse(Map.of());
    Map<String, Commitment> net = new LinkedHashMap<>(commitments.snapshot());
    net.remove(me);
    Map<String, Map<String, Double>> netW = new HashMap<>();
    weights.snapshot().forEach((k, w) -> netW.put(k, w.weights()));
    netW.remove(me);
    Subgroups sg = Subgroups.of(me, myW, net, netW, now);
    lastSubgroups = Optional.of(sg);
    lastMr = sg.mutualRecognition();
    Commitment mine =
        myCommitment.get().orElseGet(() -> Commitment.builder(me).timestamp(Math.max(now, 1)).build());
    AllocationResult result =
        Allocation.compute(AllocationInput.of(me, mine, lastMr, myW, Subgroups.active(net, now)), policy);
    Convergence.Check check = Convergence.check(previousDenominators, result.slotDenominators());
    convergenceHistory =
        Convergence.record(convergenceHistory, check, now, Convergence.DEFAULT_HISTORY_LIMIT);
    previousDenominators = Optional.of(result.slotDenominators());
    locallyConverged = check.converged();
    Optional<AllocationState> last = myState.get();
    boolean changed =
        last.isEmpty()
            || !last.get().slotDenominators().equals(result.slotDenominators())
            || !last.get().slotAllocations().equals(result.slotAllocations())
            || !last.get().recipientTotals().equals(result.recipientTotals())
            || last.get().converged() != locallyConverged;
    if (changed && member()) {
      Stamp s = tick();
      AllocationState state = result.toState(locallyConverged, convergenceHistory, s, Math.max(now, 1));
      myState.set(Optional.of(state));
      durableBeforePublish();
      send(DocumentPaths.of(me, DocumentPaths.ALLOCATION_STATE), state);
    }
    if (!locallyConverged && (recheckTask == null)) {
      recheckTask =
          scheduler.schedule(
              CONVERGENCE_RECHECK,
              () -> {
                recheckTask = null;
                allocate.trigger();
              });
    }
    syncSubscriptions();
    updateReceived();
  }

  private void updateReceived() {
    long now = scheduler.nowMillis();
    Map<String, Double> byProvider = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<String, AllocationState> e : states.snapshot().entrySet()) {
      String p = e.getKey();
      if (p.equals(me)) {
        continue;
      }
      Optional<Commitment> pc = commitments.get(p);
      if (pc.isEmpty() || !Subgroups.isActive(pc.get(), now)) {
        continue;
      }
      double t = e.getValue().totalFor(me);
      if (t > 0) {
        byProvider.put(p, t);
        total += t;
      }
    }
    received.set(new Received(total, byProvider));
    if (total != lastDampedTotal && myCommitment.get().isPresent()) {
      Commitment c = myCommitment.get().get();
      Commitment damped = Damping.apply(c, total, Math.max(now, 1));
      lastDampedTotal = total;
      myCommitment.set(Optional.of(damped));
      if (damped.dampingFactor().doubleValue() != c.dampingFactor().doubleValue()) {
        commitmentUnpublished = true;
        publishCommitment.trigger();
        allocate.trigger();
      }
    }
    updateNetworkConvergence(now);
  }

  /**
   * SPEC 4.5 over the active participants this node can judge: itself, every active peer whose
   * allocation state it follows (partners and providers; a state not yet received counts as not
   * converged, so a node that has heard nothing does not report convergence) and every active peer
   * whose state it holds.
   */
  private void updateNetworkConvergence(long now) {
    Set<String> participants = new TreeSet<>();
    Map<String, Boolean> flags = new HashMap<>();
    participants.add(me);
    flags.put(me, locallyConverged);
    Set<String> judged = new LinkedHashSet<>(statePeers());
    judged.addAll(states.snapshot().keySet());
    judged.remove(me);
    for (String p : judged) {
      Optional<Commitment> c = commitments.get(p);
      if (c.isPresent() && Subgroups.isActive(c.get(), now)) {
        participants.add(p);
        states.get(p).ifPresent(s -> flags.put(p, s.converged()));
      }
    }
    converged.set(Convergence.networkConverged(participants, flags));
  }

  /** Peers whose allocation state the algorithm needs: mutual partners and non-mutual providers. */
  private Set<String> statePeers() {
    Set<String> peers = new LinkedHashSet<>();
    lastSubgroups.ifPresent(
        sg -> {
          peers.addAll(sg.allMutualPartners());
          peers.addAll(sg.nonMutualProvidersForMe());
        });
    return peers;
  }

  // ---------------------------------------------------------------- subscriptions

  private void syncSubscriptions() {
    if (closed || !started.get()) {
      return;
    }
    Set<String> want = new LinkedHashSet<>();
    for (String doc : List.of(DocumentPaths.COMMITMENT, DocumentPaths.ALLOCATION_STATE, DocumentPaths.RECOGNITION_WEIGHTS)) {
      want.add(DocumentPaths.of(me, doc));
    }
    Membership m = membership.get().orElseThrow();
    m.awaiting().filter(s -> m.itcStamp().isAnonymous()).ifPresent(s -> want.add(DocumentPaths.invitation(s, me)));
    for (String invitee : m.invited()) {
      if (!m.absorbed().contains(invitee)) {
        want.add(DocumentPaths.of(invitee, DocumentPaths.RETIREMENT));
      }
    }
    for (String f : follows) {
      want.add(DocumentPaths.of(f, DocumentPaths.COMMITMENT));
    }
    myCommitment.get().ifPresent(
        c -> c.recognitionWeights().forEach((k, w) -> {
          if (w > 0 && !k.equals(me)) {
            want.add(DocumentPaths.of(k, DocumentPaths.COMMITMENT));
          }
        }));
    lastSubgroups.ifPresent(
        sg -> {
          for (String p : sg.allMutualPartners()) {
            want.add(DocumentPaths.of(p, DocumentPaths.COMMITMENT));
            want.add(DocumentPaths.of(p, DocumentPaths.ALLOCATION_STATE));
            want.add(DocumentPaths.of(p, DocumentPaths.RECOGNITION_WEIGHTS));
          }
          for (String p : sg.nonMutualBeneficiaries()) {
            want.add(DocumentPaths.of(p, DocumentPaths.COMMITMENT));
          }
          for (String p : sg.nonMutualProvidersForMe()) {
            want.add(DocumentPaths.of(p, DocumentPaths.COMMITMENT));
            want.add(DocumentPaths.of(p, DocumentPaths.ALLOCATION_STATE));
          }
        });
    for (var it = subscriptions.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!want.contains(e.getKey())) {
        e.getValue().close();
        it.remove();
      }
    }
    for (String path : want) {
      if (!subscriptions.containsKey(path)) {
        subscriptions.put(path, transport.subscribe(path, this::delivered));
      }
    }
  }

  /** Transport callback, any thread: hop onto the scheduler. */
  private void delivered(String path, byte[] payload) {
    if (closed) {
      return;
    }
    scheduler.execute(() -> receive(path, payload));
  }

  private void receive(String path, byte[] payload) {
    if (closed) {
      return;
    }
    if (Arrays.equals(payload, lastSent.get(path))) {
      return; // our own latest document coming back: nothing to learn, no signature to check
    }
    Opened o;
    try {
      o = envelopes.open(path, payload);
    } catch (RejectedEnvelopeException e) {
      rejections.record(e);
      return;
    }
    if (o.author().equals(me)) {
      receiveOwn(o);
      return;
    }
    switch (o.type()) {
      case COMMITMENT -> {
        Commitment c = o.document(Commitment.class);
        if (offer(commitments, o, c)) {
          networkCommitments.set(commitments.snapshot());
          allocate.trigger();
          updateReceived();
        }
      }
      case ALLOCATION_STATE -> {
        if (offer(states, o, o.document(AllocationState.class))) {
          updateReceived();
        }
      }
      case RECOGNITION_WEIGHTS -> {
        if (offer(weights, o, o.document(RecognitionWeights.class))) {
          allocate.trigger();
        }
      }
      case INVITATION -> acceptInvitation(o.document(Invitation.class));
      case RETIREMENT -> absorb(o.document(Retirement.class));
    }
  }

  private <T> boolean offer(CausalRegister<T> register, Opened o, T doc) {
    CausalRegister.Outcome out =
        register.offer(
            o.author(), doc, DocumentType.stampOf(doc), DocumentType.timestampOf(doc), o.payload());
    if (out.accepted()) {
      merge(DocumentType.stampOf(doc));
    }
    return out.accepted();
  }

  private void merge(Stamp peer) {
    Membership m = membership.get().orElseThrow();
    Stamp joined = m.itcStamp().join(peer.peek());
    if (!joined.equals(m.itcStamp())) {
      membership.set(Optional.of(m.withStamp(joined)));
    }
  }

  /** Our own document seen on the network: it wins only if causally newer (e.g. a lost folder). */
  private void receiveOwn(Opened o) {
    switch (o.type()) {
      case COMMITMENT -> adoptIfNewer(myCommitment, o.document(Commitment.class), true);
      case RECOGNITION_WEIGHTS -> adoptIfNewer(myWeights, o.document(RecognitionWeights.class), true);
      case ALLOCATION_STATE -> adoptIfNewer(myState, o.document(AllocationState.class), false);
      default -> { }
    }
  }

  private <T> void adoptIfNewer(PersistentStore<T> store, T incoming, boolean input) {
    Stamp in = DocumentType.stampOf(incoming);
    Optional<T> local = store.get();
    boolean newer =
        local.isEmpty() || Order.of(DocumentType.stampOf(local.get()), in) == Order.NEWER;
    if (newer) {
      log.info("{}: adopting a causally newer copy of its own {} from the network", me, incoming.getClass().getSimpleName());
      store.set(Optional.of(incoming));
      merge(in);
      if (input) {
        syncSubscriptions();
        allocate.trigger();
      }
    }
  }

  private void acceptInvitation(Invitation inv) {
    Membership m = membership.get().orElseThrow();
    if (!inv.newcomer().equals(me) || !m.itcStamp().isAnonymous() || m.retired()) {
      return;
    }
    if (m.awaiting().isPresent() && !m.awaiting().get().equals(inv.sponsor())) {
      return;
    }
    membership.set(Optional.of(m.joined(inv.sponsor(), inv.itcStamp().join(m.itcStamp().peek()))));
    membership.flushNow();
    log.info("{}: joined the commons, sponsored by {}", me, inv.sponsor());
    syncSubscriptions();
    if (myCommitment.get().isPresent()) {
      commitmentUnpublished = true;
      publishCommitment.trigger();
    }
    allocate.trigger();
  }

  private void absorb(Retirement r) {
    Membership m = membership.get().orElseThrow();
    if (!r.sponsor().equals(me) || m.absorbed().contains(r.pubKey()) || !m.invited().contains(r.pubKey())
        || m.itcStamp().isAnonymous()) {
      return;
    }
    try {
      membership.set(Optional.of(m.absorbedOne(r.pubKey(), m.itcStamp().join(r.itcStamp()))));
      membership.flushNow();
      log.info("{}: took back the id of retired {}", me, r.pubKey());
      syncSubscriptions();
    } catch (IllegalArgumentException e) {
      log.error("{}: cannot take back the id of {}: {}", me, r.pubKey(), e.getMessage());
    }
  }

  // ---------------------------------------------------------------- threading

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("node " + me + " is closed");
    }
  }

  /** Runs {@code r} on the scheduler and waits for it; see {@link #callAndWait}. */
  private void onScheduler(Runnable r) {
    callAndWait(
        () -> {
          r.run();
          return null;
        });
  }

  /**
   * Runs {@code s} on the scheduler and waits for its result: directly when already there (or
   * virtual) or when the scheduler no longer accepts tasks (the node is closed, nothing else runs).
   */
  private <T> T callAndWait(Supplier<T> s) {
    if (scheduler.inSchedulerThread()) {
      return s.get();
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    AtomicBoolean claimed = new AtomicBoolean();
    try {
      scheduler.execute(
          () -> {
            if (!claimed.compareAndSet(false, true)) {
              return; // the caller gave up waiting and ran it itself
            }
            try {
              f.complete(s.get());
            } catch (RuntimeException e) {
              f.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      return s.get();
    }
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      log.warn("{}: scheduler did not run a task within 10 s", me);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    // The scheduler is stuck or was shut down with the task queued: run it here, exactly once.
    if (claimed.compareAndSet(false, true)) {
      return s.get();
    }
    return f.join(); // it started on the scheduler meanwhile
  }

  /** Runs {@code s} as a scheduler task; the stage completes there with its result or failure. */
  private <T> CompletionStage<T> callOnScheduler(Supplier<T> s) {
    requireOpen();
    CompletableFuture<T> f = new CompletableFuture<>();
    scheduler.execute(
        () -> {
          try {
            f.complete(s.get());
          } catch (RuntimeException e) {
            f.completeExceptionally(e);
          }
        });
    return f;
  }

  /** Builds a {@link CommonsNode}. */
  public static final class Builder {
    private Identity identity;
    private Transport transport;
    private Scheduler scheduler;
    private Path storage;
    private AllocationPolicy policy = AllocationPolicy.FAITHFUL;
    private Codec codec = Codec.defaults();
    private Duration allocationDebounce = Duration.ofMillis(100);
    private Duration persistDebounce = Duration.ofMillis(50);
    private Duration heartbeat = Duration.ofSeconds(30);
    private boolean founder;
    private Invitation invitation;
    private String awaitFrom;
    private final Set<String> follows = new LinkedHashSet<>();

    private Builder() {}

    /** The participant's key pair. Required. */
    public Builder identity(Identity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** The transport to publish and subscribe on. Required; the caller keeps ownership. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * The scheduler every state change runs on, and the clock. Default: a new single-thread system
     * scheduler owned (and closed) by the node. Tests and simulations pass a {@link VirtualScheduler}.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * The directory where the node keeps its documents and membership, loaded at build time. Default:
     * none (nothing survives the process).
     */
    public Builder storage(Path directory) {
      this.storage = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The allocation policy. Default {@link AllocationPolicy#FAITHFUL}. */
    public Builder policy(AllocationPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The codec (size and nesting limits). Default {@link Codec#defaults()}. */
    public Builder codec(Codec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /** Delay between a change and the recomputation/publication it causes. Default 100 ms. */
    public Builder allocationDebounce(Duration delay) {
      this.allocationDebounce = Scheduler.requireDelay(delay);
      return this;
    }

    /** Delay between a local change and its durable write. Default 50 ms. */
    public Builder persistDebounce(Duration delay) {
      this.persistDebounce = Scheduler.requireDelay(delay);
      return this;
    }

    /**
     * Interval of commitment republication; must be below the 60 s freshness window. Default 30 s.
     *
     * @throws IllegalArgumentException unless 0 &lt; interval &lt; 60 s
     */
    public Builder heartbeat(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero() || interval.toMillis() >= Subgroups.ACTIVE_MILLIS) {
        throw new IllegalArgumentException(
            "heartbeat = " + interval + ": must be > 0 and < " + Subgroups.ACTIVE_MILLIS + " ms (freshness window)");
      }
      this.heartbeat = interval;
      return this;
    }

    /** This node founds the commons: it starts from {@link Stamp#seed()}. */
    public Builder founder() {
      requireNoJoinMode();
      this.founder = true;
      return this;
    }

    /**
     * This node joins with an invitation received out of band (its {@code newcomer} must be this
     * node's pubKey; checked at {@link #build()}).
     */
    public Builder joinWith(Invitation invitation) {
      requireNoJoinMode();
      this.invitation = Objects.requireNonNull(invitation, "invitation");
      return this;
    }

    /** This node waits, reading only, for {@code sponsor}'s invitation published in-band. */
    public Builder awaitInvitationFrom(String sponsor) {
      requireNoJoinMode();
      if (!isKey(sponsor)) {
        throw new IllegalArgumentException("sponsor = " + sponsor + ": must be a pubKey");
      }
      this.awaitFrom = sponsor;
      return this;
    }

    /** Participants to follow from the start (bootstrap list). */
    public Builder follow(String... pubKeys) {
      for (String k : pubKeys) {
        if (!isKey(k)) {
          throw new IllegalArgumentException("follow: pubKey = " + k + ": must be 1-128 base64url characters");
        }
        follows.add(k);
      }
      return this;
    }

    private void requireNoJoinMode() {
      if (founder || invitation != null || awaitFrom != null) {
        throw new IllegalStateException("choose one of founder(), joinWith(..), awaitInvitationFrom(..)");
      }
    }

    /**
     * The node, with its stored state loaded. Not started.
     *
     * @throws IllegalArgumentException if identity or transport is missing, the invitation is for
     *     someone else, or the storage belongs to another identity
     * @throws InvalidDocumentException if a stored file is invalid
     */
    public CommonsNode build() {
      if (identity == null) {
        throw new IllegalArgumentException("identity is required");
      }
      if (transport == null) {
        throw new IllegalArgumentException("transport is required");
      }
      if (invitation != null && !invitation.newcomer().equals(identity.pubKey())) {
        throw new IllegalArgumentException(
            "invitation.newcomer = " + invitation.newcomer() + ": must be this node's pubKey " + identity.pubKey());
      }
      follows.remove(identity.pubKey());
      return new CommonsNode(this);
    }
  }
}
