package org.allocationcommons.itc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.allocationcommons.itc.Histories.History;

/** {@link Stamp.Id#covers}: the containment a sponsor checks when an invitee hands an id back. */
class CoversProperties {

  @Provide
  Arbitrary<History> histories() {
    return Histories.histories();
  }

  @Property(tries = 300)
  void anIdCoversBothHalvesOfItsForkAndTheirJoin(@ForAll("histories") History h, @ForAll int i) {
    Stamp s = h.live(i);
    Stamp.Fork f = s.fork();
    assertThat(s.id().covers(f.left().id())).isTrue();
    assertThat(s.id().covers(f.right().id())).isTrue();
    assertThat(s.id().covers(f.left().join(f.right()).id())).isTrue();
    assertThat(s.id().covers(s.id())).isTrue();
  }

  @Property(tries = 300)
  void liveIdsCoverNoPartOfEachOther(@ForAll("histories") History h, @ForAll int i, @ForAll int j) {
    List<Stamp> live = h.live();
    Stamp a = live.get(Math.floorMod(i, live.size()));
    Stamp b = live.get(Math.floorMod(j, live.size()));
    if (a != b && !b.isAnonymous()) {
      assertThat(a.id().covers(b.id())).as("%s covers %s", a, b).isFalse();
    }
  }

  @Property(tries = 300)
  void aJoinCoversItsPartsAndTheSeedCoversEveryone(@ForAll("histories") History h, @ForAll int i, @ForAll int j) {
    Stamp a = h.live(i);
    Stamp b = h.live(j);
    assertThat(Stamp.seed().id().covers(a.id())).isTrue();
    assertThat(Stamp.seed().peek().id().covers(a.id())).isEqualTo(a.isAnonymous());
    if (a != b) {
      Stamp.Id joined = a.join(b).id();
      assertThat(joined.covers(a.id()) && joined.covers(b.id())).isTrue();
      assertThat(a.id().covers(joined)).isEqualTo(b.isAnonymous());
    }
  }

  @Example
  void unnormalisedAndDeepTrees() {
    Stamp.Id zeroNode = Stamp.Id.node(Stamp.Id.ZERO, Stamp.Id.ZERO);
    Stamp.Id oneNode = Stamp.Id.node(Stamp.Id.ONE, Stamp.Id.ONE);
    assertThat(Stamp.Id.ZERO.covers(zeroNode)).isTrue();
    assertThat(oneNode.covers(Stamp.Id.ONE)).isTrue();
    assertThat(Stamp.Id.node(Stamp.Id.ONE, Stamp.Id.ZERO).covers(Stamp.Id.ONE)).isFalse();
    Stamp.Id deep = Stamp.Id.ONE;
    for (int k = 0; k < 100_000; k++) {
      deep = Stamp.Id.node(deep, Stamp.Id.ZERO);
    }
    assertThat(Stamp.Id.ONE.covers(deep)).isTrue();
    assertThat(deep.covers(Stamp.Id.ONE)).isFalse();
    assertThat(deep.covers(deep)).isTrue();
  }
}
