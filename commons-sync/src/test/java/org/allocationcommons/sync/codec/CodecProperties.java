package org.allocationcommons.sync.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;

class CodecProperties {

  final Codec codec = Codec.defaults();

  /** Stamps from random fork/event/join histories: op 0 = fork, 1 = event, 2 = join two. */
  @Provide
  Arbitrary<Stamp> stamps() {
    return Arbitraries.integers().between(0, 2).list().ofMaxSize(40).map(ops -> {
      List<Stamp> live = new ArrayList<>(List.of(Stamp.seed()));
      int k = 0;
      for (int op : ops) {
        int i = (k++ * 7) % live.size();
        Stamp s = live.get(i);
        if (op == 0) {
          Stamp.Fork f = s.fork();
          live.set(i, f.left());
          live.add(f.right());
        } else if (op == 1) {
          live.set(i, s.event());
        } else if (live.size() > 1) {
          Stamp other = live.remove((i + 1) % live.size());
          int j = live.indexOf(s);
          live.set(j, s.join(other));
        }
      }
      return live.get(ops.size() % live.size());
    });
  }

  @Property(tries = 200)
  void stampsRoundTripThroughJson(@ForAll("stamps") Stamp s) {
    String json = codec.mapper().writeValueAsString(s);
    assertThat(codec.mapper().readValue(json, Stamp.class)).isEqualTo(s);
  }

  @Property(tries = 100)
  void commitmentsRoundTripThroughTheCodec(@ForAll("stamps") Stamp s) {
    Commitment c = Commitment.builder("p").itcStamp(s).timestamp(1).recognize("q", 0.25).build();
    assertThat(codec.read(codec.write(c), Commitment.class)).isEqualTo(c);
  }
}
