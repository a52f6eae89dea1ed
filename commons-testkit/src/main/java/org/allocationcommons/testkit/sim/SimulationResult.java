package org.allocationcommons.testkit.sim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.allocationcommons.testkit.network.NetworkStats;

/**
 * What a simulation run produced: its timeline, its events, when (if) the network converged, and the
 * network's counters. Everything but {@code wallTime} is a function of the settings alone, so two runs
 * with the same settings have equal timelines and events.
 *
 * @param settings what was run
 * @param timeline samples at every {@code sampleEvery} of virtual time, oldest first
 * @param events faults and milestones, oldest first
 * @param convergedAtMillis virtual milliseconds from the start to the first sample at which the
 *     network counted as converged; empty if it never did
 * @param network the network's counters at the end
 * @param wallTime real time the run took (the only irreproducible part)
 */
public record SimulationResult(
    SimulationSettings settings,
    List<Sample> timeline,
    List<SimulationEvent> events,
    OptionalLong convergedAtMillis,
    NetworkStats network,
    Duration wallTime) {

  /**
   * Copies the lists.
   *
   * @param settings what was run
   * @param timeline the samples, oldest first
   * @param events what happened (joins, crashes, partitions), in order
   * @param convergedAtMillis virtual time of convergence, if it converged
   * @param network the network counters at the end
   * @param wallTime the real time the run took
   */
  public SimulationResult {
    Objects.requireNonNull(settings, "settings");
    timeline = List.copyOf(timeline);
    events = List.copyOf(events);
    Objects.requireNonNull(convergedAtMillis, "convergedAtMillis");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(wallTime, "wallTime");
  }

  /**
   * Whether the network converged within the time limit.
   *
   * @return true when converged in time
   */
  public boolean converged() {
    return convergedAtMillis.isPresent();
  }

  /**
   * The largest encoded stamp seen in any sample, in bytes.
   *
   * @return the largest stamp size, in bytes
   */
  public int maxStampBytes() {
    return timeline.stream().mapToInt(Sample::maxStampBytes).max().orElse(0);
  }

  /**
   * Unused capacity at the last sample (0 when there is none).
   *
   * @return the unused capacity at the end
   */
  public double finalUnusedCapacity() {
    return timeline.isEmpty() ? 0 : timeline.get(timeline.size() - 1).unusedCapacity();
  }

  /**
   * Virtual time covered by the timeline, in milliseconds.
   *
   * @return the virtual time covered, in milliseconds
   */
  public long virtualMillis() {
    return timeline.isEmpty() ? 0 : timeline.get(timeline.size() - 1).atMillis();
  }
}
