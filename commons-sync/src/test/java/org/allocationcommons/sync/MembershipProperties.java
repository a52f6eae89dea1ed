package org.allocationcommons.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.allocationcommons.itc.Stamp;

/** ITC ids of members stay disjoint through sponsored joins and retirements (SPEC 2). */
class MembershipProperties {

  /** An operation: (true, i) = member i mod n invites a newcomer; (false, i) = member i mod n retires. */
  @Provide
  Arbitrary<List<Tuple2<Boolean, Integer>>> operations() {
    Arbitrary<Tuple2<Boolean, Integer>> op =
        Arbitraries.integers().between(0, 3).flatMap(
            k -> Arbitraries.integers().between(0, 1000).map(i -> Tuple.of(k != 0, i)));
    return op.list().ofMinSize(1).ofMaxSize(14);
  }

  @Property(tries = 25)
  void idsOfMembersStayDisjointAndNothingIsLostWhileSponsorsRemain(
      @ForAll("operations") List<Tuple2<Boolean, Integer>> ops) {
    TestCommons commons = new TestCommons();
    List<CommonsNode> members = new ArrayList<>();
    Map<String, String> sponsorOf = new HashMap<>();
    List<String> retired = new ArrayList<>();
    boolean lossless = true;
    members.add(commons.founder(TestCommons.identity(0)));
    int next = 1;
    for (Tuple2<Boolean, Integer> op : ops) {
      if (op.get1() || members.size() == 1) {
        CommonsNode sponsor = members.get(op.get2() % members.size());
        CommonsNode n = commons.join(sponsor, TestCommons.identity(next++));
        sponsorOf.put(n.pubKey(), sponsor.pubKey());
        members.add(n);
      } else {
        CommonsNode leaving = members.get(1 + op.get2() % (members.size() - 1)); // never the founder
        commons.await(leaving.retire());
        members.remove(leaving);
        retired.add(leaving.pubKey());
        assertThat(leaving.diagnostics().member()).isFalse();
        if (retired.contains(sponsorOf.get(leaving.pubKey()))) {
          lossless = false; // its sponsor already left: the id is given up
        }
      }
      commons.run(Duration.ofMillis(50));
      assertPairwiseDisjoint(members);
    }
    if (lossless) {
      Stamp all = members.get(0).stamp();
      for (CommonsNode m : members.subList(1, members.size())) {
        all = all.join(m.stamp());
      }
      assertThat(all.id()).as("the whole id space is still owned").isEqualTo(Stamp.Id.ONE);
    }
  }

  static void assertPairwiseDisjoint(List<CommonsNode> members) {
    for (int i = 0; i < members.size(); i++) {
      assertThat(members.get(i).stamp().isAnonymous()).isFalse();
      for (int j = i + 1; j < members.size(); j++) {
        Stamp a = members.get(i).stamp();
        Stamp b = members.get(j).stamp();
        assertThatCode(() -> a.join(b))
            .as("ids of %s and %s overlap", a, b)
            .doesNotThrowAnyException();
      }
    }
  }
}
