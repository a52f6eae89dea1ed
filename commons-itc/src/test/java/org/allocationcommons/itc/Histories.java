package org.allocationcommons.itc;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random but legal ITC histories: start from the seed, then fork (sponsored join), record events,
 * retire (join an id back into another member) and sync (join another member's peek) among a set of
 * live stamps. Ids of live stamps therefore stay disjoint and always sum to the seed's id.
 */
final class Histories {

  static final int MAX_LIVE = 10;

  /** The live stamps at the end and every stamp seen along the way (including anonymous peeks). */
  record History(List<Stamp> live, List<Stamp> all) {
    Stamp live(int index) {
      return live.get(Math.floorMod(index, live.size()));
    }

    Stamp any(int index) {
      return all.get(Math.floorMod(index, all.size()));
    }

    @Override
    public String toString() {
      return "History[live=" + live + ", all=" + all.size() + " stamps]";
    }
  }

  private Histories() {}

  static Arbitrary<History> histories() {
    return histories(60);
  }

  static Arbitrary<History> histories(int maxSteps) {
    return Arbitraries.integers()
        .between(0, Integer.MAX_VALUE)
        .array(int[].class)
        .ofSize(3)
        .list()
        .ofMaxSize(maxSteps)
        .map(Histories::simulate)
        .withoutEdgeCases();
  }

  static History simulate(List<int[]> steps) {
    List<Stamp> live = new ArrayList<>(List.of(Stamp.seed()));
    List<Stamp> all = new ArrayList<>(live);
    for (int[] step : steps) {
      int kind = step[0] % 100;
      int a = step[1] % live.size();
      int b = step[2] % live.size();
      if (kind < 25) {
        if (live.size() < MAX_LIVE) {
          Stamp.Fork f = live.get(a).fork();
          live.set(a, f.left());
          live.add(f.right());
          all.add(f.left());
          all.add(f.right());
        }
      } else if (kind < 65) {
        live.set(a, live.get(a).event());
        all.add(live.get(a));
      } else if (kind < 75) {
        if (a != b) {
          live.set(a, live.get(a).join(live.get(b)));
          all.add(live.get(a));
          live.remove(b);
        }
      } else {
        if (a != b) {
          live.set(a, live.get(a).join(live.get(b).peek()));
          all.add(live.get(a));
          if (kind >= 95) {
            all.add(live.get(b).peek());
          }
        }
      }
    }
    return new History(List.copyOf(live), List.copyOf(all));
  }
}
