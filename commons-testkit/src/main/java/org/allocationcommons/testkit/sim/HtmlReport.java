package org.allocationcommons.testkit.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained HTML page (no scripts, no external resources) describing simulation runs: a summary
 * table and inline SVG plots over virtual time of the converged fraction, messages, unused capacity
 * and stamp size, one line per run, so runs of two policies can be compared at a glance.
 */
public final class HtmlReport {

  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf"};
  private static final int WIDTH = 760;
  private static final int HEIGHT = 300;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int BOTTOM = 45;

  private HtmlReport() {}

  /**
   * Writes the report of {@code runs} to {@code file}, creating parent directories.
   *
   * @param file the HTML file to write
   * @param title the report's title
   * @param runs the simulation runs to report
   * @throws IllegalArgumentException if there are no runs
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, String title, List<SimulationResult> runs) throws IOException {
    write(file, title, runs, List.of());
  }

  /**
   * Writes the report of {@code runs} with, beside each, where the centralised solver's fixed point
   * on the same commitments stands ({@code references}, one per run in order, or none).
   *
   * @param file the HTML file to write
   * @param title the report's title
   * @param runs the simulation runs to report
   * @param references the centralised reference of each run, or none
   * @throws IllegalArgumentException if there are no runs, or references are given but not one per run
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, String title, List<SimulationResult> runs, List<Reference> references)
      throws IOException {
    String html = render(title, runs, references);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, html, StandardCharsets.UTF_8);
  }

  /**
   * The report of {@code runs} as an HTML document.
   *
   * @param title the report's title
   * @param runs the simulation runs to report
   * @return the HTML document
   * @throws IllegalArgumentException if there are no runs
   */
  public static String render(String title, List<SimulationResult> runs) {
    return render(title, runs, List.of());
  }

  /**
   * The report with the centralised references (see {@link #write(Path, String, List, List)}).
   *
   * @param title the report's title
   * @param runs the simulation runs to report
   * @param references the centralised reference of each run, or none
   * @return the HTML document
   */
  public static String render(String title, List<SimulationResult> runs, List<Reference> references) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one run, got none");
    }
    if (!references.isEmpty() && references.size() != runs.size()) {
      throw new IllegalArgumentException(
          "references must be one per run (" + runs.size() + "), got " + references.size());
    }
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;max-width:820px;margin:2em auto;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}\n")
        .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}\n")
        .append("figure{margin:1.5em 0}figcaption{font-weight:600;margin-bottom:.3em}\n")
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
    SimulationSettings s = runs.get(0).settings();
    h.append("<p>")
        .append(s.nodes()).append(" participants, seed ").append(s.seed())
        .append(", latency ").append(s.network().minLatency().toMillis()).append("&ndash;")
        .append(s.network().maxLatency().toMillis()).append(" ms, loss ").append(percent(s.network().loss()))
        .append(", duplication ").append(percent(s.network().duplication()))
        .append(", reordering ").append(percent(s.network().reordering()))
        .append(". The network counts as converged when at least ").append(percent(s.threshold()))
        .append(" of the active participants are. Times are virtual.</p>\n");
    table(h, runs);
    reference(h, runs, references);
    chart(h, "Converged fraction of active participants", "fraction converged", runs, x -> x.convergedFraction(), 1.0,
        s.threshold(), percent(s.threshold()) + " rule: the network counts as converged from this line", "");
    chart(h, "Messages on the wire (cumulative)", "messages", runs, x -> x.messages(), 0, -1, "", "");
    chart(h, "Unused capacity of the providers' latest allocations", "units of capacity", runs, Sample::unusedCapacity, 0,
        -1, "", "");
    chart(h, "Over-allocation: received beyond stated need, summed over participants", "units of capacity", runs,
        Sample::overAllocation, 0, -1, "", "");
    chart(h, "Largest encoded ITC stamp", "bytes", runs, x -> x.maxStampBytes(), 0, -1, "", " B");
    events(h, runs);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void table(StringBuilder h, List<SimulationResult> runs) {
    h.append("<table>\n<tr><th>run</th><th>converged at</th><th>messages</th><th>bytes</th>")
        .append("<th>max stamp</th><th>unused capacity</th><th>over-allocation</th><th>virtual time</th>")
        .append("<th>wall time</th></tr>\n");
    for (SimulationResult r : runs) {
      h.append("<tr><td>").append(escape(label(r))).append("</td><td>")
          .append(r.convergedAtMillis().isPresent() ? seconds(r.convergedAtMillis().getAsLong()) : "not converged")
          .append("</td><td>").append(r.network().messages())
          .append("</td><td>").append(r.network().bytes())
          .append("</td><td>").append(r.maxStampBytes()).append(" B")
          .append("</td><td>").append(String.format(Locale.ROOT, "%.2f of %.2f", r.finalUnusedCapacity(),
              r.timeline().isEmpty() ? 0.0 : r.timeline().get(r.timeline().size() - 1).capacity()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%.2f",
              r.timeline().isEmpty() ? 0.0 : r.timeline().get(r.timeline().size() - 1).overAllocation()))
          .append("</td><td>").append(seconds(r.virtualMillis()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%.2f s", r.wallTime().toMillis() / 1000.0))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void reference(StringBuilder h, List<SimulationResult> runs, List<Reference> references) {
    if (references.isEmpty()) {
      return;
    }
    h.append("<h2>Centralised reference</h2>\n<p>The fixed point a central solver computes on the same commitments")
        .append(" (SPEC 4.4), beside where each run ended. Distance: L1 over recipients' totals, over capacity.</p>\n")
        .append("<table>\n<tr><th>run</th><th>given (run)</th><th>given (reference)</th><th>unmet need (run)</th>")
        .append("<th>unmet need (reference)</th><th>over-allocation (run)</th><th>distance</th></tr>\n");
    for (int i = 0; i < runs.size(); i++) {
      SimulationResult r = runs.get(i);
      Reference ref = references.get(i);
      h.append("<tr><td>").append(escape(label(r)))
          .append("</td><td>").append(String.format(Locale.ROOT, "%,.2f", ref.run().given()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%,.2f", ref.centralised().given()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%,.2f", ref.run().unmetNeed()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%,.2f", ref.centralised().unmetNeed()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%,.3f", ref.run().overAllocation()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%.3f%%", ref.distance() * 100))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void events(StringBuilder h, List<SimulationResult> runs) {
    h.append("<h2>Events</h2>\n");
    for (SimulationResult r : runs) {
      h.append("<h3>").append(escape(label(r))).append("</h3>\n<ul>\n");
      for (SimulationEvent e : r.events()) {
        h.append("<li>").append(seconds(e.atMillis())).append(": ").append(escape(e.description())).append("</li>\n");
      }
      h.append("</ul>\n");
    }
  }

  /** One line chart; {@code fixedMax} > 0 pins the y range, {@code guide} >= 0 draws a dashed line. */
  private static void chart(StringBuilder h, String caption, String yTitle, List<SimulationResult> runs,
      ToDoubleFunction<Sample> y, double fixedMax, double guide, String guideLabel, String unit) {
    long maxX = 1;
    double maxY = fixedMax;
    for (SimulationResult r : runs) {
      for (Sample s : r.timeline()) {
        maxX = Math.max(maxX, s.atMillis());
        if (fixedMax <= 0) {
          maxY = Math.max(maxY, y.applyAsDouble(s));
        }
      }
    }
    maxY = fixedMax > 0 ? fixedMax : niceCeiling(maxY);
    maxX = niceMillis(maxX); // round seconds: five ticks at whole steps (1, 2, 5, ...), never 4.4 s
    // The legend sits above the plot, one line per run, so it never hides a line.
    int top = 12 + 16 * runs.size();
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - top - BOTTOM;
    h.append("<figure>\n<figcaption>").append(escape(caption)).append("</figcaption>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
        .append(escape(caption)).append("\">\n")
        .append("<rect x=\"").append(LEFT).append("\" y=\"").append(top).append("\" width=\"").append(fmt(plotW))
        .append("\" height=\"").append(fmt(plotH)).append("\" fill=\"#fafafa\" stroke=\"#999\"/>\n");
    for (int i = 0; i <= 4; i++) {
      double v = maxY * i / 4;
      double py = top + plotH - plotH * i / 4;
      h.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(fmt(LEFT + plotW)).append("\" y1=\"").append(fmt(py))
          .append("\" y2=\"").append(fmt(py)).append("\" stroke=\"#e4e4e4\"/>\n")
          .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(py + 4))
          .append("\" font-size=\"11\" text-anchor=\"end\">").append(escape(tick(v) + unit)).append("</text>\n");
    }
    for (int i = 0; i <= 5; i++) {
      double px = LEFT + plotW * i / 5;
      h.append("<text x=\"").append(fmt(px)).append("\" y=\"").append(fmt(top + plotH + 16))
          .append("\" font-size=\"11\" text-anchor=\"middle\">").append(seconds(Math.round(maxX * i / 5.0))).append("</text>\n");
    }
    h.append("<text x=\"").append(fmt(LEFT + plotW / 2)).append("\" y=\"").append(HEIGHT - 6)
        .append("\" font-size=\"12\" text-anchor=\"middle\">virtual time (s)</text>\n");
    double midY = top + plotH / 2;
    h.append("<text x=\"14\" y=\"").append(fmt(midY)).append("\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
        .append(fmt(midY)).append(")\">").append(escape(yTitle)).append("</text>\n");
    if (guide >= 0) {
      double gy = top + plotH - plotH * guide / maxY;
      h.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(fmt(LEFT + plotW)).append("\" y1=\"").append(fmt(gy))
          .append("\" y2=\"").append(fmt(gy)).append("\" stroke=\"#555\" stroke-dasharray=\"6 4\"/>\n")
          .append("<text x=\"").append(fmt(LEFT + plotW - 4)).append("\" y=\"").append(fmt(gy - 4))
          .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">").append(escape(guideLabel)).append("</text>\n");
    }
    for (int k = 0; k < runs.size(); k++) {
      SimulationResult r = runs.get(k);
      String colour = COLOURS[k % COLOURS.length];
      List<String> points = new ArrayList<>();
      for (Sample s : r.timeline()) {
        double px = LEFT + plotW * s.atMillis() / maxX;
        double py = top + plotH - plotH * Math.min(y.applyAsDouble(s), maxY) / maxY;
        points.add(fmt(px) + "," + fmt(py));
      }
      h.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
          .append(String.join(" ", points)).append("\"/>\n");
      for (SimulationEvent e : r.events()) {
        double px = LEFT + plotW * e.atMillis() / maxX;
        h.append("<line x1=\"").append(fmt(px)).append("\" x2=\"").append(fmt(px)).append("\" y1=\"").append(top)
            .append("\" y2=\"").append(fmt(top + plotH)).append("\" stroke=\"").append(colour)
            .append("\" stroke-opacity=\"0.35\" stroke-dasharray=\"2 3\"><title>").append(escape(e.description()))
            .append("</title></line>\n");
      }
      h.append("<rect x=\"").append(LEFT + 10).append("\" y=\"").append(4 + 16 * k)
          .append("\" width=\"12\" height=\"3\" fill=\"").append(colour).append("\"/>\n")
          .append("<text x=\"").append(LEFT + 28).append("\" y=\"").append(9 + 16 * k)
          .append("\" font-size=\"11\">").append(escape(label(r))).append("</text>\n");
    }
    h.append("</svg>\n</figure>\n");
  }

  /** The legend name of a run: its policy and its seed. */
  static String label(SimulationResult r) {
    return r.settings().policy().name().toLowerCase(Locale.ROOT).replace('_', '-') + " (seed " + r.settings().seed() + ")";
  }

  /** {@code millis} rounded up to a {@link #niceCeiling} number of seconds (at least 1 ms). */
  static long niceMillis(long millis) {
    return Math.max(1, Math.round(niceCeiling(millis / 1000.0) * 1000));
  }

  /** The smallest of 1, 2, 2.5, 5 or 10 times a power of ten that is at least {@code v} (> 0). */
  static double niceCeiling(double v) {
    if (!(v > 0)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= v * (1 - 1e-12)) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  static String tick(double v) {
    if (v >= 1_000_000) {
      return trim(String.format(Locale.ROOT, "%.2f", v / 1_000_000)) + "M";
    }
    if (v >= 10_000) {
      return trim(String.format(Locale.ROOT, "%.1f", v / 1_000)) + "k";
    }
    return trim(String.format(Locale.ROOT, "%.3f", v));
  }

  private static String trim(String decimal) {
    if (decimal.indexOf('.') < 0) {
      return decimal;
    }
    String t = decimal.replaceAll("0+$", "");
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static String percent(double p) {
    return String.format(Locale.ROOT, "%.0f%%", p * 100);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
