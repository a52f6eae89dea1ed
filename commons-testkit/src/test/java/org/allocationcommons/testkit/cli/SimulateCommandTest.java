package org.allocationcommons.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.allocationcommons.testkit.cli.AllocateCommandTest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

  @Test
  void aSmallRunPrintsProgressAndASummaryComparingThePoliciesAndWritesTheReport(@TempDir Path dir) throws Exception {
    Outcome o = AllocateCommandTest.run("", dir, "simulate", "--nodes", "12", "--seed", "5", "--loss", "0.05",
        "--report", "out/report.html");
    assertThat(o.err()).isEmpty();
    assertThat(o.code()).isZero();
    assertThat(o.out())
        .contains("Simulating 12 participants (generated), seed 5")
        .contains("[faithful] t=   0.0s converged   0/12")
        .contains("[faithful] network converged at")
        .contains("[water-filling] network converged at")
        .contains("Summary")
        .containsPattern("faithful +[0-9.]+ s +[0-9,]+ +[0-9,]+ +[0-9]+ B")
        .contains("Report: " + dir.resolve("out/report.html").toAbsolutePath().normalize());
    String html = Files.readString(dir.resolve("out/report.html"));
    assertThat(html).contains("<svg").contains("faithful (seed 5)").contains("water-filling (seed 5)");
  }

  @Test
  void jsonPrintsOneSummaryPerPolicyWithTheCentralisedComparison(@TempDir Path dir) {
    Outcome o = AllocateCommandTest.run("", dir, "simulate", "--nodes", "20", "--seed", "2", "--providers-per-recipient", "2",
        "--capacity-ratio", "1.6", "--loss", "0", "--settle", "30", "--json");
    assertThat(o.code()).as(o.err()).isZero();
    String[] lines = o.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("{\"policy\":\"faithful\",\"topology\":\"2 providers per recipient, capacity 1.60x need\"");
    assertThat(lines[1]).startsWith("{\"policy\":\"water-filling\"");
    for (String line : lines) {
      assertThat(line).contains("\"converged\":true", "\"settled\":true", "\"overAllocation\":0.000000",
              "\"centralisedSettled\":true")
          .containsPattern("\"convergedAtSeconds\":[0-9]+\\.[0-9],\"messagesPerNode\":[0-9]+\\.[0-9]")
          .containsPattern("\"distanceToCentralised\":0\\.00[0-9]{4}")
          .containsPattern("\"capacity\":[0-9]+\\.[0-9]{3},\"given\"")
          .contains("\"unusedCapacity\":", "\"unmetNeed\":", "\"allConvergedAtSeconds\":");
    }
  }

  @Test
  void topologyOptionsThatDoNotFitAreRefused(@TempDir Path dir) {
    Outcome o = AllocateCommandTest.run("", dir, "simulate", "--topology", "dense", "--capacity-ratio", "2");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("--providers-per-recipient and --capacity-ratio need --topology providers, not dense");
    Outcome bad = AllocateCommandTest.run("", dir, "simulate", "--topology", "ring");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--topology must be generated, providers or dense, was 'ring'");
  }

  @Test
  void quietRunsPrintOnlyTheSummaryAndTheDefaultReportGoesUnderTarget(@TempDir Path dir) {
    Outcome o = AllocateCommandTest.run("", dir, "simulate", "--nodes", "6", "--policy", "water-filling", "--quiet",
        "--latency", "10-40", "--memory");
    assertThat(o.code()).isZero();
    assertThat(o.out()).doesNotContain("t=   0.0s").contains("latency 10-40 ms").contains("policies [water-filling]")
        .containsPattern("\\[water-filling\\] heap: peak [0-9.]+ MiB, in use after GC [0-9.]+ MiB \\(6 nodes alive\\)");
    assertThat(dir.resolve("target/commons-report.html")).exists();
  }

  @Test
  void partitionAndCrashPhasesReconvergeAndShowInTheReport(@TempDir Path dir) throws Exception {
    Outcome o = AllocateCommandTest.run("", dir, "simulate", "--nodes", "15", "--policy", "water-filling",
        "--partition", "0.33", "--crash", "0.2", "--quiet", "--report", "faults.html");
    assertThat(o.code()).as(o.out()).isZero();
    assertThat(o.out())
        .containsPattern("\\[water-filling\\] converged again [0-9.]+ s virtual after healing the partition")
        .containsPattern("converged again [0-9.]+ s virtual after restarting 3 crashed participants")
        .contains("every restarted participant converged again");
    String html = Files.readString(dir.resolve("faults.html"));
    assertThat(html).contains("partitioned 5 of 15 participants off").contains("partition healed")
        .contains("crashed 3 participants").contains("restarted 3 participants from storage");
  }

  @Test
  void badOptionsExitWithTwoAndSayWhy(@TempDir Path dir) {
    Outcome loss = AllocateCommandTest.run("", dir, "simulate", "--loss", "1");
    assertThat(loss.code()).isEqualTo(2);
    assertThat(loss.err()).contains("simulate: --loss must be in [0, 1), was 1");
    Outcome latency = AllocateCommandTest.run("", dir, "simulate", "--latency", "50-10");
    assertThat(latency.code()).isEqualTo(2);
    assertThat(latency.err()).contains("--latency must be MIN-MAX milliseconds");
    Outcome policy = AllocateCommandTest.run("", dir, "simulate", "--policy", "greedy");
    assertThat(policy.err()).contains("--policy must be faithful, water-filling or both, was 'greedy'");
    Outcome nodes = AllocateCommandTest.run("", dir, "simulate", "--nodes", "0");
    assertThat(nodes.err()).contains("--nodes must be between 1 and 100000, was 0");
    Outcome partition = AllocateCommandTest.run("", dir, "simulate", "--partition", "1");
    assertThat(partition.err()).contains("--partition must be in [0, 1), was 1");
    Outcome operand = AllocateCommandTest.run("", dir, "simulate", "extra");
    assertThat(operand.err()).contains("simulate takes no operands");
    Outcome help = AllocateCommandTest.run("", dir, "help", "simulate");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--nodes N").contains("--report FILE");
  }

  @Test
  void aRunThatDoesNotConvergeInTimeExitsWithOne(@TempDir Path dir) {
    Outcome o = AllocateCommandTest.run("", dir, "simulate", "--nodes", "12", "--max-time", "1", "--policy", "faithful",
        "--quiet");
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.out()).contains("not converged within 1 s virtual").contains("never");
  }
}
