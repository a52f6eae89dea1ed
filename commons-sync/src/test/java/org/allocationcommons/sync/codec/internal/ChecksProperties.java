package org.allocationcommons.sync.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.allocationcommons.sync.codec.Violation;

/**
 * The compiled checks find exactly the violations Hibernate Validator finds (same paths, values and
 * words), on random documents of every covered type, mostly invalid ones.
 */
class ChecksProperties {

  private static final Comparator<Violation> ORDER =
      Comparator.comparing(Violation::field).thenComparing(Violation::rule).thenComparing(Violation::value);

  private static Arbitrary<Object> of(Function<RandomDocuments, Object> make) {
    return Arbitraries.randomValue((Random r) -> make.apply(new RandomDocuments(r)));
  }

  @Provide
  Arbitrary<Object> anything() {
    return of(RandomDocuments::any);
  }

  @Provide
  Arbitrary<Object> commitments() {
    return of(RandomDocuments::commitment);
  }

  @Provide
  Arbitrary<Object> states() {
    return of(RandomDocuments::state);
  }

  @Provide
  Arbitrary<Object> documents() {
    return of(d -> switch (d.number() > 0 ? 0 : 1) {
      case 0 -> d.recognitionWeights();
      default -> d.membership();
    });
  }

  @Property(tries = 600)
  void everyCoveredTypeAgreesWithTheEngine(@ForAll("anything") Object value) {
    assertSame(value);
  }

  @Property(tries = 400)
  void commitmentsAgreeWithTheEngine(@ForAll("commitments") Object value) {
    assertSame(value);
  }

  @Property(tries = 300)
  void allocationStatesAgreeWithTheEngine(@ForAll("states") Object value) {
    assertSame(value);
  }

  @Property(tries = 300)
  void weightsAndMembershipsWithNullsAgreeWithTheEngine(@ForAll("documents") Object value) {
    assertSame(value);
  }

  private static void assertSame(Object value) {
    assertThat(Checks.covers(value.getClass())).as("covers %s", value.getClass()).isTrue();
    List<Violation> compiled = Checks.violations(value).stream().sorted(ORDER).toList();
    List<Violation> engine = Engine.validate(value).stream().sorted(ORDER).toList();
    Statistics.label("documents").collect(engine.isEmpty() ? "valid" : "invalid");
    assertThat(compiled).as("%s", value).isEqualTo(engine);
  }
}
