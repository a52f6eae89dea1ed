package org.allocationcommons.testkit.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.testkit.cli.AllocateCommandTest.Outcome;
import org.allocationcommons.testkit.cli.internal.AllocateCommand;
import org.allocationcommons.testkit.generators.Commons;
import org.allocationcommons.testkit.generators.CommonsGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code allocate} on hostile or large input (issue 10, finding 3; SPEC 7): quantities beyond the
 * arithmetic limits and oversized input are bad input, exit code 2 with one line naming field,
 * value and rule, never a stack trace; input over the network's 1 MiB and up to {@code --max-bytes}
 * is accepted.
 */
class AllocateLimitsTest {

  private static Outcome run(String stdin, Path dir, String... args) {
    return AllocateCommandTest.run(stdin, dir, args);
  }

  /** Exit 2, nothing printed, and one error line (plus the usage hint), no stack trace. */
  private static void assertBadInput(Outcome o, String... parts) {
    assertThat(o.code()).as(o.err()).isEqualTo(Main.USAGE);
    assertThat(o.out()).isEmpty();
    String[] lines = o.err().split("\\R");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("error: ").contains(parts);
    assertThat(lines[1]).contains("help");
    assertThat(o.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  private static String needOf(String quantities) {
    return AllocateCommandTest.SCENARIO.replace(
        "\"need_slots\": [{\"id\": \"b-meals\", \"name\": \"Meals\", \"quantity\": 8}]",
        "\"need_slots\": [" + quantities + "]");
  }

  @Test
  void aNeedOf1e308IsBadInputNamingFieldValueAndRule(@TempDir Path dir) {
    Outcome o = run(needOf("{\"id\": \"b\", \"name\": \"\", \"quantity\": 1e308}"), dir, "allocate");
    assertBadInput(o, "commitments.bob", "need_slots[0].quantity", "1.0E308", "less than or equal to 1e12");
  }

  @Test
  void needsSummingBeyondTheLimitAreBadInput(@TempDir Path dir) {
    Outcome two = run(needOf("{\"id\": \"b1\", \"name\": \"\", \"quantity\": 1e308}, {\"id\": \"b2\", \"name\": \"\", \"quantity\": 1e308}"), dir, "allocate");
    assertBadInput(two, "commitments.bob", "need_slots", "sum to Infinity", "at most 1e12");
    Outcome over = run(needOf("{\"id\": \"b1\", \"name\": \"\", \"quantity\": 6e11}, {\"id\": \"b2\", \"name\": \"\", \"quantity\": 6e11}"), dir, "allocate");
    assertBadInput(over, "need_slots", "sum to 1.2E12");
    Outcome capacity = run(AllocateCommandTest.SCENARIO.replace("\"quantity\": 10", "\"quantity\": 1e308"), dir, "allocate");
    assertBadInput(capacity, "commitments.alice", "capacity_slots[0].quantity", "1.0E308");
  }

  @Test
  void needsAtTheLimitAreAllocatedWithinTheSlot(@TempDir Path dir) {
    Outcome o = run(needOf("{\"id\": \"b1\", \"name\": \"\", \"quantity\": 5e11}, {\"id\": \"b2\", \"name\": \"\", \"quantity\": 5e11}"), dir, "allocate",
        "--policy", "water-filling");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("\"slot_allocations\"");
  }

  @Test
  void aMissingTimestampIsNamed(@TempDir Path dir) {
    Outcome o = run(AllocateCommandTest.SCENARIO.replaceFirst(
        "(\"dan\": 0.25\\}),\\s*\"timestamp\": 1767225600000", "$1"), dir, "allocate");
    assertBadInput(o, "commitments.alice", "timestamp");
  }

  /** A value with line breaks (here a blank id) does not split the error over several lines. */
  @Test
  void errorsStayOnOneLine(@TempDir Path dir) {
    Outcome o = run(needOf("{\"id\": \" \\n\\n \", \"name\": \"\", \"quantity\": 1}"), dir, "allocate");
    assertBadInput(o, "commitments.bob", "need_slots[0].id", "must not be blank");
  }

  @Test
  void inputBeyondMaxBytesIsRefusedWithTheLimit(@TempDir Path dir) {
    Outcome o = run(AllocateCommandTest.SCENARIO, dir, "allocate", "--max-bytes", "100");
    assertBadInput(o, "input exceeds --max-bytes 100", "standard input");
    Outcome bad = run(AllocateCommandTest.SCENARIO, dir, "allocate", "--max-bytes", "0");
    assertThat(bad.code()).isEqualTo(Main.USAGE);
    assertThat(bad.err()).contains("--max-bytes must be between 1");
  }

  @Test
  void endlessInputStopsAtTheLimit(@TempDir Path dir) {
    Path zero = Path.of("/dev/zero");
    if (!Files.isReadable(zero)) {
      return;
    }
    long start = System.nanoTime();
    Outcome small = run("", dir, "allocate", "--max-bytes", "1048576", "/dev/zero");
    assertBadInput(small, "input exceeds --max-bytes 1048576", "/dev/zero");
    Outcome byDefault = run("", dir, "allocate", "/dev/zero");
    assertBadInput(byDefault, "input exceeds --max-bytes " + AllocateCommand.DEFAULT_MAX_BYTES);
    assertThat((System.nanoTime() - start) / 1e9).as("seconds").isLessThan(30);
  }

  private static byte[] scenario(Commons commons) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("provider", commons.commitments().get(0).pubKey());
    Map<String, Commitment> byKey = new LinkedHashMap<>();
    for (Commitment c : commons.commitments()) {
      byKey.put(c.pubKey(), c);
    }
    root.put("commitments", byKey);
    return Codec.defaults().mapper().writeValueAsBytes(root);
  }

  /** Over the network's 1 MiB: the CLI reads up to its own limit, the 1 MiB codec default stays. */
  @Test
  void scenariosOverOneMebibyteAreAccepted(@TempDir Path dir) throws Exception {
    byte[] json = scenario(CommonsGenerator.generate(5_000, new SplittableRandom(7)));
    assertThat(json.length).isGreaterThan(Codec.DEFAULT_MAX_DOCUMENT_BYTES);
    Files.write(dir.resolve("big.json"), json);
    Outcome o = run("", dir, "allocate", "big.json");
    assertThat(o.err()).isEmpty();
    assertThat(o.code()).isZero();
    assertThat(o.out()).contains("\"slot_denominators\"");
    assertThat(Codec.defaults().maxDocumentBytes()).isEqualTo(1 << 20);
  }

  /**
   * The default bound has room for a generated 100,000-participant scenario, and {@code allocate}
   * computes it end to end under that default (issue 11: "the CLI allocates a 100,000-participant
   * scenario"). Measured here: about 148 MB of compact JSON; generation and allocation together
   * take tens of seconds, hence slow.
   */
  @Test
  @Tag("slow")
  void theDefaultLimitFitsAndAllocatesAHundredThousandParticipants(@TempDir Path dir) throws Exception {
    Commons commons = CommonsGenerator.generate(100_000, new SplittableRandom(11));
    byte[] json = scenario(commons);
    System.out.printf("a generated 100,000-participant scenario is %,d bytes (%.1f MiB); --max-bytes default %,d%n",
        json.length, json.length / 1048576.0, AllocateCommand.DEFAULT_MAX_BYTES);
    assertThat(json.length).isLessThan(AllocateCommand.DEFAULT_MAX_BYTES);
    Files.write(dir.resolve("hundred-thousand.json"), json);
    json = null;
    long started = System.nanoTime();
    Outcome o = run("", dir, "allocate", "hundred-thousand.json");
    System.out.printf("allocate over 100,000 participants: exit %d in %.1f s, %,d chars of output%n",
        o.code(), (System.nanoTime() - started) / 1e9, o.out().length());
    assertThat(o.err()).isEmpty();
    assertThat(o.code()).isZero();
    assertThat(o.out())
        .contains("\"slot_denominators\"")
        .contains("\"recipient_totals\"")
        .containsPattern("\"slot_allocations\"\\s*:\\s*\\[\\s*\\{"); // at least one allocation
  }

  @Test
  void helpListsRequiredFieldsLimitsAndExitCodes(@TempDir Path dir) {
    Outcome o = run("", dir, "help", "allocate");
    assertThat(o.code()).isZero();
    assertThat(o.out())
        .contains("Required fields")
        .contains("timestamp (epoch milliseconds > 0)")
        .contains("provider (non-blank string")
        .contains("--max-bytes N")
        .contains("1e12")
        .contains("Exit codes")
        .contains("0   the allocation was printed")
        .contains("2   bad arguments or bad input")
        .contains("1   an internal failure");
  }
}
