/**
 * One provider's two-tier allocation (SPEC 4.2, 4.3). The entry point is {@link
 * org.allocationcommons.core.allocation.Allocation#compute(AllocationInput, AllocationPolicy)}: a
 * pure, deterministic function from an {@link org.allocationcommons.core.allocation.AllocationInput}
 * (provider, its commitment, MR values, its weights, fresh network commitments) to an {@link
 * org.allocationcommons.core.allocation.AllocationResult}, which {@link
 * org.allocationcommons.core.allocation.AllocationResult#toState} turns into a publishable {@link
 * org.allocationcommons.core.model.AllocationState} once the caller adds convergence, stamp and
 * time. {@link org.allocationcommons.core.allocation.MutualRecognition} computes the MR values.
 *
 * <pre>{@code
 * Map<String, Double> mr = MutualRecognition.compute(me, myWeights, theirWeights);
 * AllocationResult r = Allocation.compute(
 *     AllocationInput.of(me, myCommitment, mr, myWeights, freshCommitments),
 *     AllocationPolicy.FAITHFUL);
 * AllocationState state = r.toState(converged, history, stamp, now);
 * }</pre>
 */
package org.allocationcommons.core.allocation;
