package org.allocationcommons.sync;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.allocationcommons.core.subgroups.Subgroups;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.spi.Connectivity;

/**
 * A snapshot of a node's state, for logs, tests and the simulator (the original's {@code
 * debugAllocation}).
 *
 * @param pubKey the node
 * @param stamp its ITC stamp in the paper's notation
 * @param member whether it owns an ITC id (may publish)
 * @param sponsor who sponsored it, if anyone
 * @param subgroups the subgroups of its last computation, if any
 * @param mutualRecognition MR of its last computation
 * @param networkCommitments commitments it holds (fresh or not)
 * @param activeParticipants fresh commitments it holds
 * @param networkAllocationStates allocation states it holds
 * @param subscriptions paths it is subscribed to
 * @param accepted documents accepted from the network
 * @param stale stale documents ignored
 * @param concurrent concurrent conflicts resolved by the tie-break (logged)
 * @param rejected envelopes refused, by reason (every reason present)
 * @param published documents it published
 * @param publishedBytes bytes of envelopes it published
 * @param computations allocation computations run
 * @param locallyConverged whether its last computation had converged
 * @param networkConverged {@link CommonsNode#converged()}: the certificate's verdict
 * @param received what it receives
 * @param listenerFailures store listeners and node listeners of this node that threw (isolated)
 * @param convergence the certificate behind {@code networkConverged}, with its reasons
 * @param connectivity the transport's link as last reported
 * @param refusedPublications publications refused (storage failing, document over the size limit)
 * @param reports times its residual-need report moved and was republished
 */
public record Diagnostics(
    String pubKey,
    String stamp,
    boolean member,
    Optional<String> sponsor,
    Optional<Subgroups> subgroups,
    Map<String, Double> mutualRecognition,
    int networkCommitments,
    SortedSet<String> activeParticipants,
    int networkAllocationStates,
    int subscriptions,
    long accepted,
    long stale,
    long concurrent,
    Map<Rejection, Long> rejected,
    long published,
    long publishedBytes,
    long computations,
    boolean locallyConverged,
    boolean networkConverged,
    Received received,
    long listenerFailures,
    ConvergenceStatus convergence,
    Connectivity connectivity,
    long refusedPublications,
    long reports) {

  /**
   * Total envelopes refused.
   *
   * @return the number of envelopes refused
   */
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
