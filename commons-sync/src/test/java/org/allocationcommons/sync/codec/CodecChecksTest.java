package org.allocationcommons.sync.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the codec picks compiled checks or the engine (issues 11 and 13). */
class CodecChecksTest {

  /** A type without compiled checks. */
  record Probe(@NotBlank String name) {}

  private final Codec codec = Codec.defaults();

  @Test
  void aTypeWithoutCompiledChecksIsStillValidatedByTheEngine() {
    assertThat(codec.validate(new Probe(" "))).containsExactly(Violation.of("name", " ", "must not be blank"));
    assertThatThrownBy(() -> codec.read("{\"name\":\"\"}".getBytes(StandardCharsets.UTF_8), Probe.class))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("name")
        .hasMessageContaining("must not be blank");
  }

  @Test
  void aDecodedCommitmentIsCheckedSortedByFieldThenRule() {
    String json =
        "{\"pubKey\":\" \",\"itcStamp\":{\"id\":1,\"event\":0},\"timestamp\":0,"
            + "\"need_slots\":[{\"id\":\"n\",\"name\":\"\",\"quantity\":-1}]}";
    assertThatThrownBy(() -> codec.read(json.getBytes(StandardCharsets.UTF_8), org.allocationcommons.core.model.Commitment.class))
        .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.violations())
            .containsExactly(
                Violation.of("need_slots[0].quantity", "-1.0", "must be greater than or equal to 0"),
                Violation.of("pubKey", " ", "must not be blank"),
                Violation.of("timestamp", "0", "must be greater than 0")));
  }
}
