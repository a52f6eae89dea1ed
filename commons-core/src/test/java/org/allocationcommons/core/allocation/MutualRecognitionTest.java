package org.allocationcommons.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MutualRecognitionTest {

  @Test
  void minimumOfBothDirectionsMissingIsZero() {
    Map<String, Double> mine = Map.of("bob", 0.6, "carol", 0.3, "dave", 0.2, "me", 0.9);
    Map<String, Map<String, Double>> theirs =
        Map.of(
            "bob", Map.of("me", 0.4), // min(0.6, 0.4) = 0.4
            "carol", Map.of("me", 0.5), // min(0.3, 0.5) = 0.3
            "erin", Map.of("me", 0.7), // I don't recognise erin: min(0, 0.7) = 0
            "frank", Map.of("bob", 1.0)); // frank does not know me and I don't know frank: absent
    Map<String, Double> mr = MutualRecognition.compute("me", mine, theirs);
    assertThat(mr)
        .containsExactly(
            Map.entry("bob", 0.4), Map.entry("carol", 0.3), Map.entry("dave", 0.0), Map.entry("erin", 0.0));
  }

  @Test
  void rejectsWeightsOutsideTheUnitInterval() {
    assertThatThrownBy(() -> MutualRecognition.compute("me", Map.of("bob", 1.5), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("myWeights[bob] = 1.5: must be a finite number in [0, 1]");
    assertThatThrownBy(
            () -> MutualRecognition.compute("me", Map.of(), Map.of("bob", Map.of("me", Double.NaN))))
        .hasMessage("theirWeightsByPubKey[bob][me] = NaN: must be a finite number in [0, 1]");
  }
}
