package org.allocationcommons.core.matching.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The yyyy-MM-dd fast path of {@link SlotKey#parseDate} accepts and rejects exactly as LocalDate.parse. */
class SlotKeyDateProperties {

  @Provide
  Arbitrary<String> dateLike() {
    Arbitrary<String> valid =
        Arbitraries.longs()
            .between(LocalDate.of(0, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
            .map(d -> LocalDate.ofEpochDay(d).toString());
    Arbitrary<String> shaped =
        Arbitraries.strings().withChars("0123456789-").ofLength(10);
    Arbitrary<String> nearlyValid =
        Arbitraries.integers().between(0, 9999).flatMap(y -> Arbitraries.integers().between(0, 13)
            .flatMap(m -> Arbitraries.integers().between(0, 32)
                .map(d -> String.format("%04d-%02d-%02d", y, m, d))));
    return Arbitraries.oneOf(valid, shaped, nearlyValid);
  }

  @Property(tries = 3000)
  void fastPathAgreesWithLocalDate(@ForAll("dateLike") String text) {
    Long expected;
    try {
      expected = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      expected = null;
    }
    Long actual = SlotKey.parseDate(text);
    if (expected != null) {
      assertThat(actual).isEqualTo(expected);
    } else if (actual != null) {
      // not a plain date: only the other formats may accept it, never the fast path
      assertThat(text).doesNotMatch("\\d{4}-\\d{2}-\\d{2}");
    }
  }
}
