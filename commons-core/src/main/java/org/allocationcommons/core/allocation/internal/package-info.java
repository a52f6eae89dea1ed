/**
 * Implementation detail of allocation, not API. {@code Kernel} is the entry point (a computation,
 * and an incremental one); {@code Network} holds one computation's inputs as arrays by need
 * ordinal and recipient index, {@code Run} is one pass over the capacity slots (uncapped or capped),
 * {@code Trace} what a pass leaves for replay, {@code Reuse} which slots a change cannot touch, and
 * {@code TierSplit} the two ways of splitting a tier's capacity (proportional with the original's
 * denominator floor, and water-filling). May change without notice.
 */
package org.allocationcommons.core.allocation.internal;
