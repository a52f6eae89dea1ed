package org.allocationcommons.benchmarks.itc;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.allocationcommons.itc.Stamp;

/**
 * A deterministic population of participants built the way a commons grows: the founder starts
 * from the seed, every newcomer is a sponsored fork of a random member, and between arrivals
 * members record events and merge what they hear from each other (joins of peeks).
 */
final class Population {

  private Population() {}

  /**
   * {@code size} live stamps with disjoint ids. After the last arrival, {@code 2 * size} more steps
   * of events and gossip let the histories mix.
   */
  static List<Stamp> build(int size, long seed) {
    Random random = new Random(seed);
    List<Stamp> live = new ArrayList<>(List.of(Stamp.seed()));
    while (live.size() < size) {
      int sponsor = random.nextInt(live.size());
      Stamp.Fork fork = live.get(sponsor).fork();
      live.set(sponsor, fork.left());
      live.add(fork.right());
      step(live, random);
    }
    for (int i = 0; i < 2 * size; i++) {
      step(live, random);
    }
    return live;
  }

  /** One step of activity: an event (half the time) or a member merging another's peek. */
  static void step(List<Stamp> live, Random random) {
    int a = random.nextInt(live.size());
    if (random.nextBoolean() || live.size() == 1) {
      live.set(a, live.get(a).event());
    } else {
      int b = random.nextInt(live.size());
      live.set(a, live.get(a).join(live.get(b).peek()));
    }
  }
}
