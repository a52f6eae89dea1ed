package org.allocationcommons.sync.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.store.Debouncer;
import org.allocationcommons.sync.time.Cancellable;
import org.allocationcommons.sync.time.Scheduler;

/**
 * When a node publishes its own documents, through its {@link Publisher}: the commitment (with the
 * recognition weights when they changed) a debounce after a change, the allocation state when
 * computed, and every heartbeat the commitment afresh and the state again (the same envelope, so a
 * peer that lost it gets it back). What could not be published stays marked and is retried at the
 * next change or heartbeat. Used on the node's scheduler only.
 */
public final class Publications {

  private final String me;
  private final Scheduler scheduler;
  private final Duration heartbeat;
  private final OwnDocuments own;
  private final Publisher publisher;
  private final ProviderSide provider;
  private final BooleanSupplier closed;
  private final Debouncer commitment;
  private Runnable onEachBeat = () -> {};
  private Cancellable heartbeatTask;
  private boolean commitmentUnpublished;
  private boolean weightsUnpublished;
  private boolean stateUnpublished;

  /**
   * @param debounce delay between a change and the commitment's publication
   * @param provider whose positive mutual recognition the commitment carries
   * @param closed whether the node is closed (then nothing is published)
   */
  public Publications(String me, Scheduler scheduler, Duration debounce, Duration heartbeat, OwnDocuments own,
      Publisher publisher, ProviderSide provider, BooleanSupplier closed) {
    this.me = me;
    this.scheduler = scheduler;
    this.heartbeat = heartbeat;
    this.own = own;
    this.publisher = publisher;
    this.provider = provider;
    this.closed = closed;
    this.commitment = Debouncer.of(scheduler, debounce, this::publishCommitmentNow);
    this.commitmentUnpublished = own.commitment().get().isPresent();
    this.weightsUnpublished = own.weights().get().isPresent();
  }

  /**
   * Schedules the first heartbeat (each ends with {@code onEachBeat}) and publishes stored documents
   * not yet published.
   */
  public void start(Runnable onEachBeat) {
    this.onEachBeat = onEachBeat;
    heartbeatTask = scheduler.schedule(heartbeat, this::beat);
    if (commitmentUnpublished || weightsUnpublished) {
      commitment.trigger();
    }
  }

  /** The commitment changed: publish it after the debounce. */
  public void commitmentChanged() {
    commitmentUnpublished = true;
    commitment.trigger();
  }

  /** The recognition weights changed: published with the next commitment. */
  public void weightsChanged() {
    weightsUnpublished = true;
  }

  /** Drops a pending debounced publication (after retiring). */
  public void cancelPending() {
    commitment.cancel();
  }

  /** Whether a debounced publication of the commitment is pending. */
  public boolean pending() {
    return commitment.isPending();
  }

  /** Stops the debounce and the heartbeat. */
  public void close() {
    commitment.cancel();
    if (heartbeatTask != null) {
      heartbeatTask.cancel();
    }
  }

  /** Ticks the stamp and publishes the commitment (and changed weights), if a member holding one. */
  public void publishCommitmentNow() {
    if (closed.getAsBoolean() || !own.isMember() || own.commitment().get().isEmpty()) {
      return;
    }
    long now = Math.max(scheduler.nowMillis(), 1);
    Stamp s = own.tick();
    Commitment c =
        own.commitment().get().get().toBuilder().mrValues(provider.positiveMutualRecognition()).itcStamp(s).timestamp(now).build();
    own.commitment().set(Optional.of(c));
    RecognitionWeights w = null;
    if (weightsUnpublished) {
      w = new RecognitionWeights(me, c.recognitionWeights(), s, now);
      own.weights().set(Optional.of(w));
    }
    if (!publisher.publish(DocumentPaths.of(me, DocumentPaths.COMMITMENT), c)) {
      return; // stays unpublished: retried at the next change or heartbeat
    }
    commitmentUnpublished = false;
    if (w != null && publisher.publish(DocumentPaths.of(me, DocumentPaths.RECOGNITION_WEIGHTS), w)) {
      weightsUnpublished = false;
    }
  }

  /** Publishes {@code state}; a refusal is retried at the next heartbeat. */
  public void publishState(AllocationState state) {
    stateUnpublished = !publisher.publish(DocumentPaths.of(me, DocumentPaths.ALLOCATION_STATE), state);
  }

  private void beat() {
    if (closed.getAsBoolean()) {
      return;
    }
    if (own.isMember() && own.commitment().get().isPresent()) {
      commitment.cancel(); // this publication covers a pending debounced one
      publishCommitmentNow();
    }
    if (own.isMember() && own.state().get().isPresent()) {
      // Same document, same stamp: peers holding it drop it as a repeat, and a peer whose copy was
      // lost (a dropped delivery, a relay that restarted) gets it back within one heartbeat.
      String path = DocumentPaths.of(me, DocumentPaths.ALLOCATION_STATE);
      if (stateUnpublished || !publisher.repeat(path)) {
        publishState(own.state().get().get());
      }
    }
    onEachBeat.run();
    heartbeatTask = scheduler.schedule(heartbeat, this::beat);
  }
}
