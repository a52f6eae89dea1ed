package org.allocationcommons.sync.internal;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.CommonsNode;
import org.allocationcommons.sync.causality.CausalRegister;
import org.allocationcommons.sync.causality.Order;
import org.allocationcommons.sync.document.DocumentType;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.sync.document.Retirement;
import org.allocationcommons.sync.envelope.Opened;
import org.allocationcommons.sync.inbound.Admission;
import org.allocationcommons.sync.persist.PersistentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does with a delivery: admitted on the transport's thread ({@link Inbound}), it hops
 * onto the scheduler, is opened, and then a peer's document is offered to its {@link
 * PeerDocuments} register (learning its stamp when accepted), an invitation or retirement goes to
 * {@link Sponsorship}, and a copy of the node's own document is adopted only if causally newer (a
 * lost folder). Each acceptance sets off what depends on it. Logs under the node's logger.
 */
public final class Receiver {

  private static final Logger log = LoggerFactory.getLogger(CommonsNode.class);

  private final String me;
  private final Executor scheduler;
  private final BooleanSupplier closed;
  private final Inbound inbound;
  private final Publisher publisher;
  private final OwnDocuments own;
  private final Sponsorship sponsorship;
  private final PeerDocuments peers;
  private final Reactor reactor;
  private final Publications publications;
  private final Runnable syncSubscriptions;

  /**
   * @param scheduler the node's scheduler, onto which deliveries hop
   * @param closed whether the node is closed (then deliveries are forgotten)
   * @param syncSubscriptions run when what the node needs may have changed (own inputs, membership)
   */
  public Receiver(String me, Executor scheduler, BooleanSupplier closed, Inbound inbound, Publisher publisher,
      OwnDocuments own, Sponsorship sponsorship, PeerDocuments peers, Reactor reactor, Publications publications,
      Runnable syncSubscriptions) {
    this.me = me;
    this.scheduler = scheduler;
    this.closed = closed;
    this.inbound = inbound;
    this.publisher = publisher;
    this.own = own;
    this.sponsorship = sponsorship;
    this.peers = peers;
    this.reactor = reactor;
    this.publications = publications;
    this.syncSubscriptions = syncSubscriptions;
  }

  /** Transport callback, any thread: drop repeats and floods unread, hop onto the scheduler. */
  public void delivered(String path, byte[] payload) {
    if (closed.getAsBoolean()) {
      return;
    }
    Optional<Admission> a = inbound.admit(path, payload);
    if (a.isPresent()) {
      try {
        scheduler.execute(() -> receive(a.get(), path, payload));
      } catch (RejectedExecutionException e) {
        a.get().forget(); // closing: nothing is lost, the document stays on the network
      }
    }
  }

  private void receive(Admission a, String path, byte[] payload) {
    if (closed.getAsBoolean()) {
      a.forget();
      return;
    }
    Optional<Opened> opened = inbound.open(a, path, payload, publisher);
    if (opened.isEmpty()) {
      return;
    }
    Opened o = opened.get();
    boolean accepted = o.author().equals(me) ? receiveOwn(o) : receivePeer(o);
    inbound.settle(a, accepted);
  }

  private boolean receivePeer(Opened o) {
    switch (o.type()) {
      case COMMITMENT -> {
        if (offer(peers.commitments(), o, o.document(Commitment.class))) {
          peers.commitmentsChanged();
          reactor.trigger();
          reactor.updateReceived();
          return true;
        }
      }
      case ALLOCATION_STATE -> {
        if (offer(peers.states(), o, o.document(AllocationState.class))) {
          reactor.updateReceived();
          return true;
        }
      }
      case RECOGNITION_WEIGHTS -> {
        if (offer(peers.weights(), o, o.document(RecognitionWeights.class))) {
          reactor.trigger();
          return true;
        }
      }
      case INVITATION -> {
        return acceptInvitation(o.document(Invitation.class));
      }
      case RETIREMENT -> {
        return absorb(o.path(), o.document(Retirement.class));
      }
    }
    return false;
  }

  private <T> boolean offer(CausalRegister<T> register, Opened o, T doc) {
    CausalRegister.Outcome out =
        register.offer(o.author(), doc, DocumentType.stampOf(doc), DocumentType.timestampOf(doc), o.payload());
    if (out.accepted()) {
      own.learn(DocumentType.stampOf(doc));
    }
    return out.accepted();
  }

  /** Our own document seen on the network: it wins only if causally newer (e.g. a lost folder). */
  private boolean receiveOwn(Opened o) {
    return switch (o.type()) {
      case COMMITMENT -> adoptIfNewer(own.commitment(), o.document(Commitment.class), true);
      case RECOGNITION_WEIGHTS -> adoptIfNewer(own.weights(), o.document(RecognitionWeights.class), true);
      case ALLOCATION_STATE -> adoptIfNewer(own.state(), o.document(AllocationState.class), false);
      default -> false;
    };
  }

  private <T> boolean adoptIfNewer(PersistentStore<T> store, T incoming, boolean input) {
    Stamp in = DocumentType.stampOf(incoming);
    Optional<T> local = store.get();
    boolean newer = local.isEmpty() || Order.of(DocumentType.stampOf(local.get()), in) == Order.NEWER;
    if (newer) {
      log.info("{}: adopting a causally newer copy of its own {} from the network", me, incoming.getClass().getSimpleName());
      store.set(Optional.of(incoming));
      own.merge(in);
      if (input) {
        reactor.inputChanged();
        syncSubscriptions.run();
        reactor.trigger();
      }
    }
    return newer;
  }

  private boolean acceptInvitation(Invitation inv) {
    if (!sponsorship.accept(inv)) {
      return false;
    }
    syncSubscriptions.run();
    if (own.commitment().get().isPresent()) {
      publications.commitmentChanged();
    }
    reactor.trigger();
    return true;
  }

  private boolean absorb(String path, Retirement r) {
    if (!sponsorship.absorb(path, r)) {
      return false;
    }
    syncSubscriptions.run();
    return true;
  }
}
