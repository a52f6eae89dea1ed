package org.allocationcommons.sync.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.subgroups.Subgroups;
import org.allocationcommons.sync.CommonsNode;
import org.allocationcommons.sync.ConvergenceStatus;
import org.allocationcommons.sync.NodeListener;
import org.allocationcommons.sync.Received;
import org.allocationcommons.sync.spi.Connectivity;
import org.allocationcommons.sync.store.Debouncer;
import org.allocationcommons.sync.store.ReadableStore;
import org.allocationcommons.sync.store.Stores;
import org.allocationcommons.sync.store.WritableStore;
import org.allocationcommons.sync.time.Cancellable;
import org.allocationcommons.sync.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's reactions to change: recomputes its allocation a debounce after a change (publishing
 * the state when it moved, checking again while unconverged), aggregates what its fresh providers
 * give it (republishing the commitment when the damping or report moved), and keeps the
 * convergence certificate ({@link Certificate}) up to date, re-evaluated when it would change by
 * itself. Logs under the node's logger. Used on the node's scheduler only.
 */
public final class Reactor {

  private static final Logger log = LoggerFactory.getLogger(CommonsNode.class);

  private final String me;
  private final Scheduler scheduler;
  private final Duration recheck;
  private final long quietMillis;
  private final OwnDocuments own;
  private final PeerDocuments peers;
  private final ProviderSide provider;
  private final RecipientSide recipient;
  private final Publications publications;
  private final NodeListener listener;
  private final BooleanSupplier closed;
  private final Runnable syncSubscriptions;
  private final Debouncer allocate;
  private final WritableStore<Received> received;
  private final WritableStore<Boolean> converged;
  private final WritableStore<ConvergenceStatus> convergence;
  private Cancellable recheckTask;
  private Cancellable certificateTask;
  private long certificateDue = Long.MAX_VALUE;
  private Connectivity connectivity = Connectivity.UNKNOWN;
  private boolean computed;
  private boolean givesSomething;
  private long lastInputChange = Long.MIN_VALUE;
  private long lastReceivedChange = Long.MIN_VALUE;

  /**
   * @param debounce delay between a change and the recomputation
   * @param recheck delay before checking again after an unconverged computation
   * @param quietMillis how long what a node gives and receives must not have changed to certify
   * @param syncSubscriptions run after each computation (the subgroups may have moved)
   */
  public Reactor(String me, Scheduler scheduler, Duration debounce, Duration recheck, long quietMillis, OwnDocuments own,
      PeerDocuments peers, ProviderSide provider, RecipientSide recipient, Publications publications,
      NodeListener listener, BooleanSupplier closed, Runnable syncSubscriptions, Consumer<RuntimeException> onListenerFailure) {
    this.me = me;
    this.scheduler = scheduler;
    this.recheck = recheck;
    this.quietMillis = quietMillis;
    this.own = own;
    this.peers = peers;
    this.provider = provider;
    this.recipient = recipient;
    this.publications = publications;
    this.listener = listener;
    this.closed = closed;
    this.syncSubscriptions = syncSubscriptions;
    this.allocate = Debouncer.of(scheduler, debounce, this::recompute);
    this.received = Stores.writable(Received.NOTHING, onListenerFailure);
    this.converged = Stores.writable(false, onListenerFailure);
    this.convergence = Stores.writable(ConvergenceStatus.NOT_YET, onListenerFailure);
  }

  public ReadableStore<Received> received() {
    return received;
  }

  public ReadableStore<Boolean> converged() {
    return converged;
  }

  public ReadableStore<ConvergenceStatus> convergence() {
    return convergence;
  }

  public Connectivity connectivity() {
    return connectivity;
  }

  /** Recomputes after the debounce. */
  public void trigger() {
    allocate.trigger();
  }

  /** This node's own inputs changed now (the certificate waits for them to settle). */
  public void inputChanged() {
    lastInputChange = scheduler.nowMillis();
  }

  /** Cancels the pending computation and checks. */
  public void close() {
    allocate.cancel();
    for (Cancellable c : new Cancellable[] {recheckTask, certificateTask}) {
      if (c != null) {
        c.cancel();
      }
    }
  }

  /** The transport's connectivity is {@code c}: logs a change of state, tells the listener, re-certifies. */
  public void connectivityChanged(Connectivity c) {
    if (closed.getAsBoolean() || c.equals(connectivity)) {
      return;
    }
    Connectivity previous = connectivity;
    connectivity = c;
    if (c.state() != previous.state()) {
      if (c.state() == Connectivity.State.DISCONNECTED) {
        log.warn("{}: transport disconnected: {}", me, c.detail());
      } else if (c.state() == Connectivity.State.CONNECTED) {
        log.info("{}: transport {}: {} peer(s), {}", me,
            previous.state() == Connectivity.State.DISCONNECTED ? "reconnected" : "connected", c.connectedPeers(), c.detail());
      }
    }
    listener.connectivityChanged(previous, c);
    evaluateCertificate();
  }

  private void recompute() {
    if (closed.getAsBoolean()) {
      return;
    }
    long now = scheduler.nowMillis();
    ProviderSide.Computed c =
        provider.compute(own.commitment().get(), peers.commitments().snapshot(), peers.weights().snapshot(), own.state().get(), now);
    computed = true;
    givesSomething = !c.result().recipientTotals().isEmpty();
    if (c.changed() && own.isMember()) {
      AllocationState state = provider.state(c, own.tick(), now);
      own.state().set(Optional.of(state));
      publications.publishState(state);
    }
    if (!c.converged() && recheckTask == null) {
      recheckTask =
          scheduler.schedule(
              recheck,
              () -> {
                recheckTask = null;
                allocate.trigger();
              });
    }
    syncSubscriptions.run();
    updateReceived();
  }

  /** Aggregates what the fresh providers' states give, damps and reports, and re-certifies. */
  public void updateReceived() {
    long now = scheduler.nowMillis();
    Map<String, AllocationState> fresh = new LinkedHashMap<>();
    for (Map.Entry<String, AllocationState> e : peers.states().snapshot().entrySet()) {
      Optional<Commitment> pc = peers.commitments().get(e.getKey());
      if (!e.getKey().equals(me) && pc.isPresent() && Subgroups.isActive(pc.get(), now)) {
        fresh.put(e.getKey(), e.getValue());
      }
    }
    RecipientSide.Update u = recipient.update(own.commitment().get(), fresh, now);
    received.set(u.received());
    if (u.totalChanged()) {
      lastReceivedChange = now;
    }
    if (u.commitment().isPresent() && !u.commitment().equals(own.commitment().get())) {
      own.commitment().set(u.commitment());
    }
    if (u.republish()) {
      lastInputChange = now;
      publications.commitmentChanged();
    }
    evaluateCertificate();
  }

  private void evaluateCertificate() {
    if (closed.getAsBoolean()) {
      return;
    }
    long now = scheduler.nowMillis();
    Certificate.Inputs in =
        new Certificate.Inputs(
            me, computed, provider.converged(), givesSomething || received.get().total() > 0,
            Subscriptions.statePeers(provider.subgroups()), peers.commitments().snapshot(), peers.states().snapshot(),
            connectivity, lastInputChange, lastReceivedChange, quietMillis, now);
    ConvergenceStatus status = Certificate.evaluate(in);
    if (!status.equals(convergence.get())) {
      convergence.set(status);
      converged.set(status.converged());
      listener.convergenceChanged(status);
    }
    Optional<Long> due = Certificate.nextChange(in);
    if (due.isPresent() && due.get() < certificateDue) {
      if (certificateTask != null) {
        certificateTask.cancel();
      }
      certificateDue = due.get();
      certificateTask =
          scheduler.schedule(
              Duration.ofMillis(Math.max(0, due.get() - now)),
              () -> {
                certificateTask = null;
                certificateDue = Long.MAX_VALUE;
                evaluateCertificate();
              });
    }
  }
}
