package org.allocationcommons.sync.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.NodeListener;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.envelope.Envelopes;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.envelope.RejectionCounter;
import org.allocationcommons.sync.inbound.InboundBudget;
import org.allocationcommons.sync.inbound.InboundGuard;
import org.allocationcommons.sync.memory.MemoryNetwork;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.time.VirtualScheduler;

/**
 * One node's parts wired as {@code CommonsNode} wires them, without the facade: in memory, on a
 * virtual scheduler and an in-memory bus (shareable between two fixtures), recording what the
 * listener hears. For the tests of the parts.
 */
final class Parts {

  static final Duration DEBOUNCE = Duration.ofMillis(100);
  static final Duration HEARTBEAT = Duration.ofSeconds(10);

  final VirtualScheduler scheduler;
  final MemoryNetwork network;
  final Identity identity;
  final String me;
  final Envelopes envelopes = Envelopes.using(Codec.defaults());
  final List<String> published = new ArrayList<>();
  final List<Rejection> rejected = new ArrayList<>();
  final NodeListener listener =
      new NodeListener() {
        @Override
        public void published(String path, int bytes) {
          Parts.this.published.add(path);
        }

        @Override
        public void documentRejected(String path, Rejection reason, String detail) {
          rejected.add(reason);
        }
      };
  final RejectionCounter rejections = new RejectionCounter();
  final OwnDocuments own;
  final Publisher publisher;
  final Sponsorship sponsorship;
  final ProviderSide provider;
  final Publications publications;
  final PeerDocuments peers = new PeerDocuments(e -> {
    throw e;
  });
  final Reactor reactor;
  final Receiver receiver;
  final List<String> syncs = new ArrayList<>();
  boolean closed;

  Parts(int n) {
    this(n, VirtualScheduler.startingAtDefaultEpoch(), MemoryNetwork.create());
  }

  /** Another participant on the same scheduler and bus. */
  Parts peer(int n) {
    return new Parts(n, scheduler, network);
  }

  private Parts(int n, VirtualScheduler scheduler, MemoryNetwork network) {
    this.scheduler = scheduler;
    this.network = network;
    this.identity = identity(n);
    this.me = identity.pubKey();
    this.own = OwnDocuments.open(Optional.empty(), me, Codec.defaults(), scheduler, Duration.ofMillis(50), e -> {
      throw e;
    });
    this.publisher = new Publisher(identity, envelopes, network.transport(), own, listener);
    this.sponsorship = new Sponsorship(me, own, publisher, rejections, scheduler::nowMillis);
    this.provider = new ProviderSide(me, AllocationPolicy.FAITHFUL, Optional.empty());
    this.publications = new Publications(me, scheduler, DEBOUNCE, HEARTBEAT, own, publisher, provider, () -> closed);
    this.reactor = new Reactor(me, scheduler, DEBOUNCE, Duration.ofSeconds(1), 1_100, own, peers, provider,
        new RecipientSide(me), publications, listener, () -> closed, () -> syncs.add("sync"), e -> {
          throw e;
        });
    Inbound inbound = new Inbound(envelopes, InboundGuard.builder(scheduler::nowMillis).budget(InboundBudget.defaults()).build(),
        rejections, listener, scheduler::nowMillis, Duration.ofMinutes(5).toMillis());
    this.receiver = new Receiver(me, scheduler::execute, () -> closed, inbound, publisher, own, sponsorship, peers, reactor,
        publications, () -> syncs.add("sync"));
  }

  static Identity identity(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 9;
    return Identity.fromSeed(seed);
  }

  /** Founds the commons (owns the whole id). */
  Parts founder() {
    sponsorship.init(Optional.empty(), true, Optional.empty(), Optional.empty(), false);
    return this;
  }

  /** Only reads (anonymous stamp). */
  Parts reader() {
    sponsorship.init(Optional.empty(), false, Optional.empty(), Optional.empty(), true);
    return this;
  }

  /** A commitment of this participant giving {@code quantity} bread, at the current stamp and time. */
  Commitment giving(double quantity) {
    return Commitment.builder(me).itcStamp(own.stamp().peek()).timestamp(scheduler.nowMillis())
        .capacitySlot(AvailabilitySlot.of("s", "bread", quantity)).build();
  }

  String path(String doc) {
    return DocumentPaths.of(me, doc);
  }

  long publishesOf(String path) {
    return published.stream().filter(path::equals).count();
  }

  /** Delivers {@code document} signed by {@code author} at {@code path} to this node's receiver and runs the hop. */
  void deliver(Identity author, String path, Object document) {
    receiver.delivered(path, envelopes.seal(author, path, document));
    scheduler.runUntil(scheduler.now()); // the hop only, not the debounced work it sets off
  }

  static Stamp seed() {
    return Stamp.seed();
  }
}
