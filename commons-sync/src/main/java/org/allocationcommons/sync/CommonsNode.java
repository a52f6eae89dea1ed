package org.allocationcommons.sync;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.subgroups.Subgroups;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.causality.CausalRegister;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.InvalidDocumentException;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.sync.document.Retirement;
import org.allocationcommons.sync.envelope.Envelopes;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.PubKeys;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.envelope.RejectionCounter;
import org.allocationcommons.sync.envelope.VerificationCache;
import org.allocationcommons.sync.inbound.InboundBudget;
import org.allocationcommons.sync.inbound.InboundGuard;
import org.allocationcommons.sync.internal.Hops;
import org.allocationcommons.sync.internal.Inbound;
import org.allocationcommons.sync.internal.Inputs;
import org.allocationcommons.sync.internal.OwnDocuments;
import org.allocationcommons.sync.internal.PeerDocuments;
import org.allocationcommons.sync.internal.ProviderSide;
import org.allocationcommons.sync.internal.Publications;
import org.allocationcommons.sync.internal.Publisher;
import org.allocationcommons.sync.internal.Reactor;
import org.allocationcommons.sync.internal.Receiver;
import org.allocationcommons.sync.internal.RecipientSide;
import org.allocationcommons.sync.internal.SafeListener;
import org.allocationcommons.sync.internal.Sponsorship;
import org.allocationcommons.sync.internal.Subscriptions;
import org.allocationcommons.sync.persist.StorageException;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.store.ReadableStore;
import org.allocationcommons.sync.store.Stores;
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

  /** The file in a storage directory that keeps the node's identity when none is given. */
  public static final String IDENTITY_FILE = "identity.key";

  private final Identity identity;
  private final String me;
  private final Transport transport;
  private final Scheduler scheduler;
  private final boolean ownsScheduler;
  private final Codec codec;
  private final Envelopes envelopes;
  private final AtomicLong listenerFailures = new AtomicLong();
  private final RejectionCounter rejections = new RejectionCounter();
  private final Hops hops;
  private final Set<String> follows = new LinkedHashSet<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private Transport.Registration connectivityRegistration;
  private boolean warnedNotMember;

  // parts (org.allocationcommons.sync.internal): this class wires them and delegates to them
  private final OwnDocuments own;
  private final Publisher publisher;
  private final Publications publications;
  private final Sponsorship sponsorship;
  private final PeerDocuments peers;
  private final ProviderSide provider;
  private final RecipientSide recipient;
  private final Reactor reactor;
  private final Receiver receiver;
  private final Subscriptions subscriptions;

  private CommonsNode(Builder b, Identity identity) {
    this.identity = identity;
    this.me = identity.pubKey();
    this.transport = b.transport;
    this.ownsScheduler = b.scheduler == null;
    this.scheduler = ownsScheduler ? Scheduler.system("commons-node-" + me.substring(0, 8)) : b.scheduler;
    this.codec = b.codec;
    this.envelopes =
        b.verificationCache == null ? Envelopes.using(codec) : Envelopes.using(codec).withVerificationCache(b.verificationCache);
    NodeListener listener = new SafeListener(b.listener, listenerFailures);
    this.hops = new Hops(scheduler, me);
    Consumer<RuntimeException> onFailure =
        e -> {
          listenerFailures.incrementAndGet();
          Stores.LOG_FAILURES.accept(e);
        };
    this.peers = new PeerDocuments(onFailure);
    this.own = OwnDocuments.open(Optional.ofNullable(b.storage), me, codec, scheduler, b.persistDebounce, onFailure);
    this.publisher = new Publisher(identity, envelopes, transport, own, listener);
    this.sponsorship = new Sponsorship(me, own, publisher, rejections, scheduler::nowMillis);
    Inbound inbound =
        new Inbound(envelopes, InboundGuard.builder(scheduler::nowMillis).budget(b.inboundBudget).build(), rejections, listener,
            scheduler::nowMillis, b.maxClockSkew.toMillis());
    this.provider = new ProviderSide(me, b.policy, own.state().get());
    this.recipient = new RecipientSide(me);
    this.publications = new Publications(me, scheduler, b.allocationDebounce, b.heartbeat, own, publisher, provider, hops::closed);
    long quietMillis = b.allocationDebounce.plus(CONVERGENCE_RECHECK).toMillis();
    this.reactor = new Reactor(me, scheduler, b.allocationDebounce, CONVERGENCE_RECHECK, quietMillis, own, peers, provider,
        recipient, publications, listener, hops::closed, this::syncSubscriptions, onFailure);
    this.receiver = new Receiver(me, scheduler::execute, hops::closed, inbound, publisher, own, sponsorship, peers, reactor,
        publications, this::syncSubscriptions);
    this.subscriptions = new Subscriptions(me, transport, receiver::delivered, inbound::forget);
    this.follows.addAll(b.follows);
    sponsorship.init(Optional.ofNullable(b.storage), b.founder, Optional.ofNullable(b.invitation),
        Optional.ofNullable(b.awaitFrom), b.readOnly);
  }

  /**
   * A builder; {@link Builder#transport} and an identity ({@link Builder#identity}, or one kept in {@link Builder#storage}) are required.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * This participant's public key (its name in the commons).
   *
   * @return the public key of this node's identity
   */
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
    hops.requireOpen();
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("node " + me + " is already started");
    }
    scheduler.execute(
        () -> {
          connectivityRegistration =
              transport.addConnectivityListener((was, c) -> scheduler.execute(() -> reactor.connectivityChanged(c)));
          reactor.connectivityChanged(transport.connectivity());
          syncSubscriptions();
          publications.start(reactor::trigger);
          reactor.trigger();
        });
  }

  /**
   * Replaces this participant's capacity slots.
   *
   * @param slots the new capacity slots; copied
   * @return completes when the change is durable (at once without storage); fails if it would make
   *     the commitment exceed the size limit (nothing changes then)
   * @throws InvalidDocumentException naming field, value and rule if a slot is invalid (nothing
   *     changes)
   */
  public CompletionStage<Void> setCapacity(List<AvailabilitySlot> slots) {
    List<AvailabilitySlot> copy = List.copyOf(Objects.requireNonNull(slots, "slots"));
    Inputs.requireValidSlots(codec, "capacity_slots", copy);
    return change(c -> c.capacitySlots(copy), false);
  }

  /**
   * Replaces this participant's need slots.
   *
   * @param slots the new need slots; copied
   * @return completes when the change is durable; fails if it would exceed the size limit
   * @throws InvalidDocumentException naming field, value and rule if a slot is invalid
   */
  public CompletionStage<Void> setNeeds(List<NeedSlot> slots) {
    List<NeedSlot> copy = List.copyOf(Objects.requireNonNull(slots, "slots"));
    Inputs.requireValidSlots(codec, "need_slots", copy);
    return change(c -> c.needSlots(copy), false);
  }

  /**
   * Replaces this participant's recognition weights: shares in [0, 1] by pubKey. Everyone
   * recognised is followed.
   *
   * @param recognition share of recognition by participant pubKey; replaces the previous weights
   * @return completes when the change is durable; fails if it would exceed the size limit
   * @throws InvalidDocumentException naming the key, value and rule for a weight that is not a
   *     finite number in [0, 1], a key that is not a participant's public key, or this node's own key
   */
  public CompletionStage<Void> setRecognition(Map<String, Double> recognition) {
    Map<String, Double> frozen = Inputs.requireValidRecognition(me, recognition);
    return change(c -> c.recognitionWeights(frozen), true);
  }

  /**
   * Follows {@code pubKey}: subscribes to its commitment (and, once the algorithm finds it
   * relevant, more), so a node can discover peers that recognise it. Idempotent.
   *
   * @param pubKey the participant to follow
   * @throws IllegalArgumentException if it is not a participant's public key
   */
  public void follow(String pubKey) {
    PubKeys.requireValid("pubKey", pubKey);
    hops.runAndWait(
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
   * @param newcomer public key of the participant invited
   * @return completes with the invitation; fails with {@link IllegalStateException} if this node owns
   *     no id (not yet sponsored, or retired) or its storage fails
   * @throws IllegalArgumentException if {@code newcomer} is not a participant's public key or is this node
   */
  public CompletionStage<Invitation> invite(String newcomer) {
    PubKeys.requireValid("newcomer", newcomer);
    if (newcomer.equals(me)) {
      throw new IllegalArgumentException("newcomer = " + newcomer + ": must be another participant, not this node");
    }
    return hops.call(
        () -> {
          Invitation inv = sponsorship.invite(newcomer);
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
    return hops.call(
        () -> {
          sponsorship.retire();
          publications.cancelPending();
          return null;
        });
  }

  /**
   * Completes when everything changed so far is durable; fails if storage fails.
   *
   * @return a stage that completes once all earlier changes are written, or fails with the storage error
   */
  public CompletionStage<Void> flush() {
    return hops.compose(
        () -> {
          own.durableNow();
          return own.durable();
        });
  }

  /**
   * This participant's commitment as last set or published; empty before the first input.
   *
   * @return a store of the own commitment
   */
  public ReadableStore<Optional<Commitment>> commitment() {
    return own.commitment();
  }

  /**
   * This participant's allocation state as last published; empty before the first publication.
   *
   * @return a store of the own published allocation state
   */
  public ReadableStore<Optional<AllocationState>> allocationState() {
    return own.state();
  }

  /**
   * What this participant receives from the providers it follows.
   *
   * @return a store of what is received, updated as providers publish
   */
  public ReadableStore<Received> received() {
    return reactor.received();
  }

  /**
   * The commitments this node holds, by pubKey (fresh or not; see {@link Subgroups#active}).
   *
   * @return a store of the held commitments, keyed by pubKey
   */
  public ReadableStore<Map<String, Commitment>> networkCommitments() {
    return peers.networkCommitments();
  }

  /**
   * Whether the commons has settled as far as this node can certify (SPEC 4.5): its own computation
   * converged, it holds a state from every peer it follows for allocation, its transport is not
   * disconnected, nothing it gives or receives changed within the debounce plus one recheck, and at
   * least 80% of the participants it can judge report converged. {@link #convergence()} says why
   * not.
   *
   * @return a store that holds {@code true} while the certificate holds
   */
  public ReadableStore<Boolean> converged() {
    return reactor.converged();
  }

  /**
   * The certificate behind {@link #converged()}, with the reasons when false.
   *
   * @return a store of the current convergence status
   */
  public ReadableStore<ConvergenceStatus> convergence() {
    return reactor.convergence();
  }

  /**
   * A snapshot of the node's state. Taken on the node's scheduler (waiting for it when called from
   * another thread), so it is consistent and free of data races.
   *
   * @return the snapshot, taken now
   */
  public Diagnostics diagnostics() {
    return hops.callAndWait(this::snapshot);
  }

  private Diagnostics snapshot() {
    var m = own.member();
    Map<String, Commitment> held = peers.commitments().snapshot();
    return new Diagnostics(me, m.itcStamp().toString(), !m.itcStamp().isAnonymous(), m.sponsor(), provider.subgroups(),
        provider.mutualRecognition(), held.size(),
        java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(Subgroups.active(held, scheduler.nowMillis()).keySet())),
        peers.states().snapshot().size(), subscriptions.size(), peers.accepted(), peers.stale(), peers.concurrent(),
        rejections.snapshot(), publisher.published(), publisher.publishedBytes(), provider.computations(),
        provider.converged(), reactor.converged().get(), reactor.received().get(), listenerFailures.get(),
        reactor.convergence().get(), reactor.connectivity(), publisher.refused(), recipient.reports());
  }

  /**
   * The node's current ITC stamp.
   *
   * @return this node's stamp as its own state holds it now
   */
  public Stamp stamp() {
    return own.stamp();
  }

  /**
   * Stops the node: cancels its tasks, flushes its stores, closes its subscriptions, and fails the
   * stages of calls whose task had not run. Does not close the transport (the caller owns it) nor a
   * scheduler it was given. Idempotent.
   */
  @Override
  public void close() {
    if (hops.closed()) {
      return;
    }
    hops.runAndWait(
        () -> {
          hops.close();
          reactor.close();
          publications.close();
          if (connectivityRegistration != null) {
            connectivityRegistration.close();
          }
          subscriptions.closeAll();
          own.durableNow();
        });
    hops.close();
    if (ownsScheduler) {
      ((SystemScheduler) scheduler).close();
    }
  }

  private CompletionStage<Void> change(UnaryOperator<Commitment.Builder> edit, boolean weightsChanged) {
    return hops.compose(
        () -> {
          hops.requireOpen();
          long now = Math.max(scheduler.nowMillis(), 1);
          Commitment base =
              own.commitment().get().orElseGet(() -> Commitment.builder(me).itcStamp(stamp().peek()).timestamp(now).build());
          Commitment next = edit.apply(base.toBuilder()).timestamp(now).build();
          envelopes.seal(identity, DocumentPaths.of(me, DocumentPaths.COMMITMENT), next); // size check: throws, changing nothing
          if (!own.isMember() && !own.member().awaiting().isPresent() && !warnedNotMember) {
            log.warn("{}: inputs set on a node that is not a member and waits for no invitation: nothing is published"
                + " (build it with founder(), joinWith(invitation) or awaitInvitationFrom(sponsor))", me);
            warnedNotMember = true;
          }
          own.commitment().set(Optional.of(next));
          if (weightsChanged) {
            own.weights().set(Optional.of(new RecognitionWeights(me, next.recognitionWeights(), stamp().peek(), now)));
            publications.weightsChanged();
            syncSubscriptions();
          }
          reactor.inputChanged();
          recipient.reset();
          publications.commitmentChanged();
          reactor.trigger();
          return own.commitment().durable().thenCompose(v -> own.weights().durable());
        });
  }

  private void syncSubscriptions() {
    if (hops.closed() || !started.get()) {
      return;
    }
    subscriptions.sync(Subscriptions.wanted(me, own.member(), follows, own.commitment().get(), provider.subgroups()));
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
    private Duration maxClockSkew = Duration.ofMinutes(5);
    private InboundBudget inboundBudget = InboundBudget.defaults();
    private VerificationCache verificationCache; // null: verify every signature
    private NodeListener listener = NodeListener.NONE;
    private boolean founder;
    private boolean readOnly;
    private Invitation invitation;
    private String awaitFrom;
    private final Set<String> follows = new LinkedHashSet<>();

    private Builder() {}

    /**
     * The participant's key pair. Required unless a {@link #storage} directory is given: then the
     * identity kept there ({@code identity.key}) is used, created on the first run.
     *
     * @param identity the key pair that signs this node's documents
     * @return this builder
     */
    public Builder identity(Identity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /**
     * The transport to publish and subscribe on. Required; the caller keeps ownership.
     *
     * @param transport the network the node publishes to and subscribes on
     * @return this builder
     */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * The scheduler every state change runs on, and the clock. Default: a new single-thread system
     * scheduler owned (and closed) by the node. Tests and simulations pass a {@link VirtualScheduler}.
     *
     * @param scheduler runs the node's tasks and gives its time; the caller keeps ownership
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * The directory where the node keeps its documents, membership and (unless {@link #identity} is
     * given) its identity, loaded at build time. Default: none (nothing survives the process).
     *
     * @param directory where the node's files are kept
     * @return this builder
     */
    public Builder storage(Path directory) {
      this.storage = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * The allocation policy. Default {@link AllocationPolicy#FAITHFUL}.
     *
     * @param policy how this node computes what it gives
     * @return this builder
     */
    public Builder policy(AllocationPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The codec (size and nesting limits). Default {@link Codec#defaults()}.
     *
     * @param codec reads, writes and validates the node's documents
     * @return this builder
     */
    public Builder codec(Codec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Delay between a change and the recomputation/publication it causes. Default 100 ms.
     *
     * @param delay how long changes are gathered before a recomputation
     * @return this builder
     */
    public Builder allocationDebounce(Duration delay) {
      this.allocationDebounce = Scheduler.requireDelay(delay);
      return this;
    }

    /**
     * Delay between a local change and its durable write. Default 50 ms.
     *
     * @param delay how long local changes are gathered before they are written
     * @return this builder
     */
    public Builder persistDebounce(Duration delay) {
      this.persistDebounce = Scheduler.requireDelay(delay);
      return this;
    }

    /**
     * Interval of commitment republication; must be below the 60 s freshness window. Default 30 s.
     *
     * @param interval time between republications of the commitment
     * @return this builder
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

    /**
     * How far ahead of this node's clock a document's {@code timestamp} may be; documents further
     * ahead are rejected ({@link Rejection#FUTURE_TIMESTAMP}). Default 5 minutes.
     *
     * @param skew the largest tolerated lead of a received timestamp over this node's clock
     * @return this builder
     */
    public Builder maxClockSkew(Duration skew) {
      this.maxClockSkew = Scheduler.requireDelay(skew);
      return this;
    }

    /**
     * What each participant may cost this node in inbound work (bytes and deliveries per second,
     * with bursts); deliveries beyond it are dropped unread and counted as {@link
     * Rejection#RATE_LIMITED}. Default {@link InboundBudget#defaults()} (1 MiB/s, 64 deliveries/s).
     *
     * @param budget the inbound allowance of each participant
     * @return this builder
     */
    public Builder inboundBudget(InboundBudget budget) {
      this.inboundBudget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /**
     * Signatures already verified by other nodes of this JVM: a document delivered to many of them
     * (a simulation, a host running many participants) is verified once. Opening still checks
     * path, author, binding and document per node. Default none: every signature is verified.
     *
     * @param cache shared by the nodes that should reuse each other's verifications
     * @return this builder
     */
    public Builder verificationCache(VerificationCache cache) {
      this.verificationCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * Observes the node's events (connectivity, rejections, publications, convergence).
     *
     * @param listener is told of the node's events; replaces the previous listener
     * @return this builder
     */
    public Builder listener(NodeListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * This node founds the commons: it starts from {@link Stamp#seed()}.
     *
     * @return this builder
     * @throws IllegalStateException if a way to join was already chosen
     */
    public Builder founder() {
      requireNoJoinMode();
      this.founder = true;
      return this;
    }

    /**
     * This node joins with an invitation received out of band (its {@code newcomer} must be this
     * node's pubKey; checked at {@link #build()}).
     *
     * @param invitation the sponsor's signed invitation for this node
     * @return this builder
     * @throws IllegalStateException if a way to join was already chosen
     */
    public Builder joinWith(Invitation invitation) {
      requireNoJoinMode();
      this.invitation = Objects.requireNonNull(invitation, "invitation");
      return this;
    }

    /**
     * This node waits, reading only, for {@code sponsor}'s invitation published in-band.
     *
     * @param sponsor public key of the member expected to invite this node
     * @return this builder
     * @throws IllegalArgumentException if {@code sponsor} is not a participant's public key
     * @throws IllegalStateException if a way to join was already chosen
     */
    public Builder awaitInvitationFrom(String sponsor) {
      requireNoJoinMode();
      this.awaitFrom = PubKeys.requireValid("sponsor", sponsor);
      return this;
    }

    /**
     * This node only reads: it owns no id and publishes nothing (without this, or another way to
     * join, a new node warns that it will never publish).
     *
     * @return this builder
     * @throws IllegalStateException if a way to join was already chosen
     */
    public Builder readOnly() {
      requireNoJoinMode();
      this.readOnly = true;
      return this;
    }

    /**
     * Participants to follow from the start (bootstrap list).
     *
     * @param pubKeys public keys of the participants to follow; this node's own key is ignored
     * @return this builder
     * @throws IllegalArgumentException if a key is not a participant's public key
     */
    public Builder follow(String... pubKeys) {
      for (String k : pubKeys) {
        follows.add(PubKeys.requireValid("follow: pubKey", k));
      }
      return this;
    }

    private void requireNoJoinMode() {
      if (founder || invitation != null || awaitFrom != null || readOnly) {
        throw new IllegalStateException("choose one of founder(), joinWith(..), awaitInvitationFrom(..), readOnly()");
      }
    }

    /**
     * The node, with its stored state loaded. Not started.
     *
     * @return the new node
     * @throws IllegalArgumentException if the transport is missing, the identity is missing without
     *     storage, the invitation is for someone else, or the storage belongs to another identity
     * @throws StorageException naming the file if a stored file is corrupt, another participant's or
     *     missing
     */
    public CommonsNode build() {
      if (transport == null) {
        throw new IllegalArgumentException("transport is required");
      }
      Identity id = identity;
      if (id == null && storage == null) {
        throw new IllegalArgumentException("identity is required (or a storage directory to keep one in)");
      }
      if (id == null) {
        id = Identity.loadOrCreate(storage.resolve(IDENTITY_FILE));
      }
      if (invitation != null && !invitation.newcomer().equals(id.pubKey())) {
        throw new IllegalArgumentException(
            "invitation.newcomer = " + invitation.newcomer() + ": must be this node's pubKey " + id.pubKey());
      }
      follows.remove(id.pubKey());
      return new CommonsNode(this, id);
    }
  }
}
