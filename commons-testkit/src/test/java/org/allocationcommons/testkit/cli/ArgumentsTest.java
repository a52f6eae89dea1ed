package org.allocationcommons.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.allocationcommons.testkit.cli.internal.Arguments;
import org.allocationcommons.testkit.cli.internal.UsageException;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

  private static Arguments parse(String... args) throws UsageException {
    return Arguments.parse("cmd", List.of(args), Set.of("nodes", "loss", "seed"), Set.of("quiet"));
  }

  @Test
  void readsSeparateAndInlineValuesFlagsAndOperands() throws UsageException {
    Arguments a = parse("--nodes", "12", "--loss=0.1", "--quiet", "file.json", "--", "--not-an-option");
    assertThat(a.intOption("nodes", 50, 1, 100)).isEqualTo(12);
    assertThat(a.doubleOption("loss", 0, 0, 1, true)).isEqualTo(0.1);
    assertThat(a.flag("quiet")).isTrue();
    assertThat(a.operands()).containsExactly("file.json", "--not-an-option");
    assertThat(a.longOption("seed", 7)).isEqualTo(7);
    assertThat(a.value("seed")).isEmpty();
  }

  @Test
  void namesWhatIsWrong() {
    assertThatThrownBy(() -> parse("--colour", "red"))
        .isInstanceOf(UsageException.class)
        .hasMessage("cmd: unknown option --colour; known options: --loss, --nodes, --quiet, --seed");
    assertThatThrownBy(() -> parse("--nodes"))
        .hasMessage("cmd: option --nodes needs a value");
    assertThatThrownBy(() -> parse("--quiet=yes"))
        .hasMessage("cmd: option --quiet takes no value, got 'yes'");
    assertThatThrownBy(() -> parse("--nodes", "1", "--nodes", "2"))
        .hasMessage("cmd: option --nodes given twice");
    assertThatThrownBy(() -> parse("--nodes", "many").intOption("nodes", 1, 1, 10))
        .hasMessage("cmd: --nodes must be a whole number, was 'many'");
    assertThatThrownBy(() -> parse("--nodes", "0").intOption("nodes", 1, 1, 10))
        .hasMessage("cmd: --nodes must be between 1 and 10, was 0");
    assertThatThrownBy(() -> parse("--loss", "1").doubleOption("loss", 0, 0, 1, true))
        .hasMessage("cmd: --loss must be in [0, 1), was 1");
    assertThatThrownBy(() -> parse("--loss", "NaN").doubleOption("loss", 0, 0, 1, true))
        .hasMessage("cmd: --loss must be in [0, 1), was NaN");
    assertThatThrownBy(() -> parse("--seed", "x").longOption("seed", 0))
        .hasMessage("cmd: --seed must be a whole number, was 'x'");
  }
}
