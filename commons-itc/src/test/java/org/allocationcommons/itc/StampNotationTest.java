package org.allocationcommons.itc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.allocationcommons.itc.Stamp.Event;
import org.allocationcommons.itc.Stamp.Id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paper's text notation: examples of toString, parse and the rejection messages. */
class StampNotationTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(1, 0)",
        "(0, 0)",
        "((1, 0), (0, 1, 0))",
        "((0, 1), (0, 0, 1))",
        "(((1, 0), (0, 1)), (3, (0, 2, 0), 0))",
        "(1, 9223370937343148031)", // Stamp.MAX_COUNTER
      })
  void toStringRoundTrips(String text) {
    assertThat(Stamp.parse(text)).hasToString(text);
  }

  @Test
  void parseAcceptsFreeWhitespace() {
    assertThat(Stamp.parse(" ( (1,0) ,\n(0 ,1,\t0) ) ")).isEqualTo(Stamp.seed().fork().left().event());
  }

  @Test
  void parseNormalises() {
    // ((1, 1), (0, 0)) -> (1, 0); (2, 3, 3) -> 5
    assertThat(Stamp.parse("(((1, 1), (0, 0)), (2, 3, 3))")).hasToString("((1, 0), 5)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| at position 0 expected '(' opening the stamp but found end of input",
        "1| at position 0 expected '(' opening the stamp but found '1'",
        "(2, 0)| at position 1 expected an id: '0', '1' or '(' but found '2'",
        "(1 0)| at position 3 expected ',' between id and event but found '0'",
        "(1, 0| at position 5 expected ')' closing the stamp but found end of input",
        "(1, 0))| at position 6 expected end of input after the stamp but found ')'",
        "(1, -1)| at position 4 expected an event: a counter or '(' but found '-'",
        "(1, (0, 1))| at position 9 expected ',' between the children of an event node but found ')'",
        "((1), 0)| at position 3 expected ',' between the halves of an id node but found ')'",
        "(1, (x, 0, 1))| at position 5 expected the counter of an event node but found 'x'",
        "(1, 9223372036854775808)| at position 4 the counter exceeds Long.MAX_VALUE",
        "(1, (9223372036854775807, 1, 0))| Long.MAX_VALUE",
        "(1, 9223370937343148032)| sums with its ancestors to 9223370937343148032, above Stamp.MAX_COUNTER",
        "(1, (9223370937343148031, 1, 0))| above Stamp.MAX_COUNTER = 9223370937343148031",
      })
  void parseRejectsMalformedTextNamingPositionAndExpectation(String text, String message) {
    assertThatThrownBy(() -> Stamp.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot parse ITC stamp:")
        .hasMessageContaining(message.strip());
  }

  @Test
  void parseRejectsNestingBeyondTheLimitWithoutExhaustingTheStack() {
    String deepId = "(".repeat(100_000) + "1, 0" + ")".repeat(100_000);
    assertThatThrownBy(() -> Stamp.parse("(" + deepId + ", 0)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested deeper than Stamp.MAX_DEPTH = " + Stamp.MAX_DEPTH);
    String deepEvent = "(0, 1, ".repeat(100_000) + "0" + ")".repeat(100_000);
    assertThatThrownBy(() -> Stamp.parse("(1, " + deepEvent + ")"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event tree is nested deeper");
  }

  @Test
  void parseAcceptsNestingAtTheLimit() {
    Id id = Id.ONE;
    for (int i = 0; i < Stamp.MAX_DEPTH; i++) {
      id = Id.node(id, Id.ZERO);
    }
    Stamp deep = Stamp.of(id, Event.ZERO);
    assertThat(Stamp.parse(deep.toString())).isEqualTo(deep);
    assertThatThrownBy(() -> Stamp.of(Id.node(Id.ZERO, deep.id()), Event.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id tree is deeper than Stamp.MAX_DEPTH");
    assertThatThrownBy(deep::fork)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fork would make the id tree deeper than Stamp.MAX_DEPTH");
  }
}
