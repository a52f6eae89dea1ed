package org.allocationcommons.testkit.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.sync.codec.Codec;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllocateCommandTest {

  /** Alice shares 10 meals; bob (MR 0.5) and carol (MR 0.25) need 8 and 8; dan is only recognised by her. */
  static final String SCENARIO = """
      {"provider": "alice",
       "commitments": {
         "alice": {"capacity_slots": [{"id": "meals", "name": "Meals", "quantity": 10}],
                   "recognition_weights": {"bob": 0.5, "carol": 0.25, "dan": 0.25},
                   "timestamp": 1767225600000},
         "bob":   {"need_slots": [{"id": "b-meals", "name": "Meals", "quantity": 8}],
                   "recognition_weights": {"alice": 0.6}, "timestamp": 1767225600000},
         "carol": {"pubKey": "carol", "need_slots": [{"id": "c-meals", "name": "Meals", "quantity": 8}],
                   "recognition_weights": {"alice": 0.5}, "timestamp": 1767225600000},
         "dan":   {"need_slots": [{"id": "d-meals", "name": "Meals", "quantity": 4}],
                   "timestamp": 1767225600000}
       }}
      """;

  record Outcome(int code, String out, String err) {}

  static Outcome run(String stdin, Path dir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(UTF_8)), new PrintStream(out, true, UTF_8),
        new PrintStream(err, true, UTF_8), dir);
    return new Outcome(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  private static double given(AllocationState s, String recipient) {
    return s.slotAllocations().stream().filter(a -> a.recipientPubkey().equals(recipient))
        .mapToDouble(SlotAllocation::quantity).sum();
  }

  @Test
  void allocatesFromStandardInputWithTheFaithfulPolicy(@TempDir Path dir) {
    Outcome o = run(SCENARIO, dir, "allocate");
    assertThat(o.err()).isEmpty();
    assertThat(o.code()).isZero();
    AllocationState s = Codec.defaults().read(o.out().getBytes(UTF_8), AllocationState.class);
    // Tier 1: MR bob 0.5, carol 0.25 -> shares 2/3, 1/3; numerators 16/3 and 8/3, D1 = 8;
    // bob gets 10 * (16/3) / 8 = 6.667, carol 3.333. Nothing is left for dan in tier 2.
    Offset<Double> eps = Offset.offset(1e-9);
    assertThat(s.slotDenominators().get("meals").mutual()).isCloseTo(8.0, eps);
    assertThat(given(s, "bob")).isCloseTo(20.0 / 3, eps);
    assertThat(given(s, "carol")).isCloseTo(10.0 / 3, eps);
    assertThat(given(s, "dan")).isZero();
    assertThat(s.converged()).isFalse();
    assertThat(s.timestamp()).isEqualTo(1767225600000L);
    assertThat(o.out()).contains("\"slot_denominators\"").contains("\"itcStamp\"").contains("\"tier\" : \"mutual\"");
  }

  @Test
  void allocatesFromAFileWithWaterFilling(@TempDir Path dir) throws Exception {
    // Bob now needs only 2: capped, his surplus goes to carol under water-filling.
    Files.writeString(dir.resolve("scenario.json"), SCENARIO.replace("\"b-meals\", \"name\": \"Meals\", \"quantity\": 8", "\"b-meals\", \"name\": \"Meals\", \"quantity\": 2"));
    Outcome faithful = run("", dir, "allocate", "scenario.json");
    Outcome water = run("", dir, "allocate", "--policy", "water-filling", "scenario.json");
    assertThat(faithful.code()).isZero();
    assertThat(water.code()).isZero();
    AllocationState f = Codec.defaults().read(faithful.out().getBytes(UTF_8), AllocationState.class);
    AllocationState w = Codec.defaults().read(water.out().getBytes(UTF_8), AllocationState.class);
    Offset<Double> eps = Offset.offset(1e-9);
    // Faithful: numerators 2/3*2 = 4/3 and 1/3*8 = 8/3, D1 = 4; bob min(10*(4/3)/4, 2) = 2 (capped from 3.33),
    // carol 10*(8/3)/4 = 6.667; 1.333 left goes to tier 2: dan (weight 0.25, need 4) gets min(1.333*1, 4).
    assertThat(given(f, "bob")).isCloseTo(2.0, eps);
    assertThat(given(f, "carol")).isCloseTo(20.0 / 3, eps);
    assertThat(given(f, "dan")).isCloseTo(4.0 / 3, eps);
    // Water-filling: bob capped at 2, the other 8 go to carol (uncapped, need 8): nothing left for dan.
    assertThat(given(w, "bob")).isCloseTo(2.0, eps);
    assertThat(given(w, "carol")).isCloseTo(8.0, eps);
    assertThat(given(w, "dan")).isZero();
  }

  /** The streaming reader completes each commitment in place; its edges, one by one. */
  @Test
  void theStreamingReaderCompletesCommitmentsAndRefusesWhatItCannotRead(@TempDir Path dir) {
    // a key that needs escaping, with no pubKey and no stamp: both are added, escaped
    String quoted = SCENARIO.replace("\"dan\":", "\"d\\\"an\":").replace("\"dan\": 0.25", "\"d\\\"an\": 0.25");
    Outcome o = run(quoted, dir, "allocate");
    assertThat(o.err()).isEmpty();
    assertThat(o.code()).isZero();
    AllocationState s = Codec.defaults().read(o.out().getBytes(UTF_8), AllocationState.class);
    assertThat(s.slotAllocations()).extracting(SlotAllocation::recipientPubkey).contains("bob", "carol");

    Outcome empty = run("", dir, "allocate");
    assertThat(empty.code()).isEqualTo(2);
    assertThat(empty.err()).contains("the scenario is not valid JSON: empty input");

    Outcome trailing = run(SCENARIO + " {}", dir, "allocate");
    assertThat(trailing.code()).isEqualTo(2);
    assertThat(trailing.err()).contains("the scenario is not valid JSON");

    Outcome emptyCommitment = run(SCENARIO.replace("\"dan\":   {", "\"eve\": {}, \"dan\":   {"), dir, "allocate");
    assertThat(emptyCommitment.code()).isEqualTo(2);
    assertThat(emptyCommitment.err()).contains("scenario field 'commitments.eve' is not a valid commitment")
        .contains("timestamp");

    Outcome twice = run(SCENARIO.replace("\"dan\":   {", "\"bob\": {\"timestamp\": 1}, \"dan\":   {"), dir, "allocate");
    assertThat(twice.code()).isEqualTo(2);
    assertThat(twice.err()).contains("bob").containsIgnoringCase("twice");

    Outcome numericProvider = run(SCENARIO.replace("\"provider\": \"alice\"", "\"provider\": 42"), dir, "allocate");
    assertThat(numericProvider.code()).isEqualTo(2);
    assertThat(numericProvider.err()).contains("'provider' must be a non-blank pubKey string, was 42");

    Outcome notAnObject = run(SCENARIO.replace("\"dan\":   {", "\"eve\": [1], \"dan\":   {"), dir, "allocate");
    assertThat(notAnObject.code()).isEqualTo(2);
    assertThat(notAnObject.err()).contains("'commitments.eve' must be a commitment object, was an array");
  }

  @Test
  void badInputExitsWithTwoAndNamesTheProblem(@TempDir Path dir) {
    Outcome notJson = run("{\"provider\": ", dir, "allocate");
    assertThat(notJson.code()).isEqualTo(2);
    assertThat(notJson.out()).isEmpty();
    assertThat(notJson.err()).contains("error: the scenario is not valid JSON");

    Outcome negative = run(SCENARIO.replace("\"quantity\": 10", "\"quantity\": -1"), dir, "allocate");
    assertThat(negative.code()).isEqualTo(2);
    assertThat(negative.err()).contains("scenario field 'commitments.alice' is not a valid commitment")
        .contains("capacity_slots[0].quantity = -1.0");

    Outcome weight = run(SCENARIO.replace("\"alice\": 0.6", "\"alice\": 1.5"), dir, "allocate");
    assertThat(weight.code()).isEqualTo(2);
    assertThat(weight.err()).contains("commitments.bob").contains("recognition_weights").contains("1.5");

    Outcome noProvider = run(SCENARIO.replace("\"provider\": \"alice\"", "\"provider\": \"zoe\""), dir, "allocate");
    assertThat(noProvider.code()).isEqualTo(2);
    assertThat(noProvider.err()).contains("'provider' is 'zoe', but 'commitments' has no entry for it");

    Outcome wrongKey = run(SCENARIO.replace("\"pubKey\": \"carol\"", "\"pubKey\": \"mallory\""), dir, "allocate");
    assertThat(wrongKey.code()).isEqualTo(2);
    assertThat(wrongKey.err()).contains("'commitments.carol.pubKey' is \"mallory\" but must equal its key 'carol'");

    Outcome array = run("[1, 2]", dir, "allocate");
    assertThat(array.err()).contains("must be a JSON object");

    Outcome missingFile = run("", dir, "allocate", "nope.json");
    assertThat(missingFile.code()).isEqualTo(2);
    assertThat(missingFile.err()).contains("no such file").contains("nope.json");

    Outcome badPolicy = run(SCENARIO, dir, "allocate", "--policy", "greedy");
    assertThat(badPolicy.code()).isEqualTo(2);
    assertThat(badPolicy.err()).contains("--policy must be faithful or water-filling, was 'greedy'");
  }

  @Test
  void helpAndUnknownCommands(@TempDir Path dir) {
    Outcome help = run("", dir, "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("simulate").contains("allocate").contains("Exit codes");
    Outcome allocateHelp = run("", dir, "help", "allocate");
    assertThat(allocateHelp.out()).contains("\"commitments\": {\"<pubKey>\": <Commitment>, ...}");
    Outcome none = run("", dir);
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("Usage:");
    Outcome unknown = run("", dir, "frobnicate");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown command 'frobnicate'");
  }
}
