package org.allocationcommons.sync.internal;

import java.util.Map;
import java.util.function.Consumer;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.sync.causality.CausalRegister;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.sync.store.ReadableStore;
import org.allocationcommons.sync.store.Stores;
import org.allocationcommons.sync.store.WritableStore;

/**
 * What a node holds of its peers' documents: each peer's latest commitment, allocation state and
 * recognition weights, ordered by {@link CausalRegister}, and the readable of the commitments. Used
 * on the node's scheduler only.
 */
public final class PeerDocuments {

  private final CausalRegister<Commitment> commitments = CausalRegister.named("commitment");
  private final CausalRegister<AllocationState> states = CausalRegister.named("allocationState");
  private final CausalRegister<RecognitionWeights> weights = CausalRegister.named("recognitionWeights");
  private final WritableStore<Map<String, Commitment>> networkCommitments;

  /** @param onListenerFailure told when a subscriber of the readable throws */
  public PeerDocuments(Consumer<RuntimeException> onListenerFailure) {
    this.networkCommitments = Stores.writable(Map.of(), onListenerFailure);
  }

  public CausalRegister<Commitment> commitments() {
    return commitments;
  }

  public CausalRegister<AllocationState> states() {
    return states;
  }

  public CausalRegister<RecognitionWeights> weights() {
    return weights;
  }

  /** The commitments held, as last {@link #commitmentsChanged told}. */
  public ReadableStore<Map<String, Commitment>> networkCommitments() {
    return networkCommitments;
  }

  /** Brings {@link #networkCommitments} up to date after a commitment was accepted. */
  public void commitmentsChanged() {
    networkCommitments.set(commitments.snapshot());
  }

  /** Documents accepted, over the three registers. */
  public long accepted() {
    return commitments.acceptedCount() + states.acceptedCount() + weights.acceptedCount();
  }

  /** Stale documents ignored, over the three registers. */
  public long stale() {
    return commitments.staleCount() + states.staleCount() + weights.staleCount();
  }

  /** Concurrent conflicts resolved by the tie-break, over the three registers. */
  public long concurrent() {
    return commitments.concurrentCount() + states.concurrentCount() + weights.concurrentCount();
  }
}
