package org.allocationcommons.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.testkit.network.NetworkConditions;
import org.allocationcommons.testkit.network.NetworkStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  private static SimulationResult run(AllocationPolicy policy, OptionalLong convergedAt) {
    SimulationSettings settings = new SimulationSettings(3, 9, NetworkConditions.wideArea().withLoss(0.1), policy,
        Duration.ofSeconds(60), Duration.ofSeconds(1), 0.8);
    List<Sample> timeline = List.of(
        new Sample(0, 3, 3, 0, 0, 0, 0, 20.0, 10.0, 0.0, false),
        new Sample(1_000, 3, 3, 1, 40, 4_000, 3, 20.0, 6.5, 1.5, false),
        new Sample(2_000, 3, 3, 3, 90, 9_000, 5, 20.0, 2.0, 0.5, true));
    return new SimulationResult(settings, timeline, List.of(new SimulationEvent(1_500, "partitioned <a & b>")),
        convergedAt, new NetworkStats(50, 30, 10, 2, 5, 1, 0, 0, 1, 9_000, 0, new java.util.TreeMap<>()), Duration.ofMillis(1234));
  }

  @Test
  void rendersATableAndOneSvgLinePerRunPerChart() {
    String html = HtmlReport.render("Two <policies>", List.of(
        run(AllocationPolicy.FAITHFUL, OptionalLong.of(2_000)), run(AllocationPolicy.WATER_FILLING, OptionalLong.empty())));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Two &lt;policies&gt;</title>");
    assertThat(html.split("<svg ", -1)).hasSize(6); // five charts
    assertThat(html.split("<polyline ", -1)).hasSize(11); // two runs in each
    assertThat(html).contains("faithful (seed 9)").contains("water-filling (seed 9)");
    assertThat(html).contains("<td>2.0 s</td>").contains("not converged");
    assertThat(html).contains("partitioned &lt;a &amp; b&gt;");
    assertThat(html).contains("loss 10%").contains("at least 80%");
    // Converged fraction 3/3 = 1 at the last sample: the plot's top right corner, x = 70 + 670 * 2000/2000
    // = 740, y = the plot's top = 12 + 16 * 2 legend lines = 44.
    assertThat(html).contains("740.0,44.0");
    assertThat(html).doesNotContain("<script");
    // issue 11: axis titles with units, a labelled 80% line
    assertThat(html).contains(">fraction converged</text>").contains(">messages</text>")
        .contains(">units of capacity</text>").contains(">bytes</text>").contains(">virtual time (s)</text>")
        .contains("80% rule: the network counts as converged from this line");
  }

  @Test
  void timeTicksFallOnRoundSeconds() {
    assertThat(HtmlReport.niceMillis(22_000)).isEqualTo(25_000); // ticks 0, 5, 10, ... s, never 4.4 s
    assertThat(HtmlReport.niceMillis(2_000)).isEqualTo(2_000);
    assertThat(HtmlReport.niceMillis(61_000)).isEqualTo(100_000);
    assertThat(HtmlReport.niceMillis(0)).isEqualTo(1_000);
  }

  @Test
  void axesGetRoundNumbers() {
    assertThat(HtmlReport.niceCeiling(12_246)).isEqualTo(20_000);
    assertThat(HtmlReport.niceCeiling(0.8)).isEqualTo(1.0);
    assertThat(HtmlReport.niceCeiling(240)).isEqualTo(250);
    assertThat(HtmlReport.niceCeiling(500)).isEqualTo(500);
    assertThat(HtmlReport.niceCeiling(0)).isEqualTo(1);
    assertThat(HtmlReport.tick(5_000)).isEqualTo("5000");
    assertThat(HtmlReport.tick(15_000)).isEqualTo("15k");
    assertThat(HtmlReport.tick(12_500)).isEqualTo("12.5k");
    assertThat(HtmlReport.tick(2_500_000)).isEqualTo("2.5M");
    assertThat(HtmlReport.tick(0.25)).isEqualTo("0.25");
    assertThat(HtmlReport.tick(0)).isEqualTo("0");
  }

  @Test
  void writesTheFileCreatingDirectories(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deep/report.html");
    HtmlReport.write(file, "t", List.of(run(AllocationPolicy.FAITHFUL, OptionalLong.of(1_000))));
    assertThat(Files.readString(file)).contains("<svg");
  }

  @Test
  void needsARun() {
    assertThatThrownBy(() -> HtmlReport.render("t", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one run");
  }
}
