/**
 * Benchmarks of commons-core: {@link org.allocationcommons.benchmarks.core.AllocationBenchmark}
 * (JMH) and {@link org.allocationcommons.benchmarks.core.CommitmentMemory} (heap harness), both on
 * the seeded {@link org.allocationcommons.benchmarks.core.SyntheticCommons}. Figures and commands:
 * docs/algorithm.md.
 */
package org.allocationcommons.benchmarks.core;
