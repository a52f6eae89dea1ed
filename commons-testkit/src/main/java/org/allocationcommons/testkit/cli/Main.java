package org.allocationcommons.testkit.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.allocationcommons.testkit.cli.internal.AllocateCommand;
import org.allocationcommons.testkit.cli.internal.SimulateCommand;
import org.allocationcommons.testkit.cli.internal.UsageException;

/**
 * The command line of the main job, {@code java -jar allocation-commons.jar <command>}:
 * {@code simulate} runs a simulated commons to convergence, prints progress and a summary and writes an
 * HTML report; {@code allocate} computes one provider's allocation from a JSON scenario. Exit codes:
 * 0 success, 1 the simulation did not converge or failed (or an internal failure, reported on one
 * line without a stack trace), 2 bad arguments or bad input (one line naming field, value and rule).
 */
public final class Main {

  /** Exit code of a successful command. */
  public static final int OK = 0;
  /** Exit code when a simulation did not converge within its time limit, or failed. */
  public static final int FAILED = 1;
  /** Exit code for bad arguments or bad input; the reason is on standard error. */
  public static final int USAGE = 2;

  static final String USAGE_TEXT = """
      Usage: java -jar allocation-commons.jar <command> [options]

      Commands:
        simulate   Simulate a commons over a faulty network until it converges; print progress and a
                   summary, compare the allocation policies, and write an HTML report with plots.
        allocate   Compute one provider's allocation from a JSON scenario and print it as JSON.
        help       Show this help, or one command's: help simulate | help allocate

      Exit codes: 0 success, 1 not converged or failed (internal failure), 2 bad arguments or bad
      input (one line 'error: ...' naming the field, the value and the rule on standard error).
      """;

  private Main() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the command line arguments
   */
  public static void main(String[] args) {
    // Library log lines (rejected messages, concurrent updates) would drown the progress lines;
    // -Dorg.slf4j.simpleLogger.defaultLogLevel=info brings them back.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }
    // Hibernate Validator logs through JBoss Logging, which would otherwise pick java.util.logging.
    if (System.getProperty("org.jboss.logging.provider") == null) {
      System.setProperty("org.jboss.logging.provider", "slf4j");
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, System.in, out, err, Path.of("")));
  }

  /**
   * Runs the command line without exiting: what {@link #main} does, for tests and embedding.
   *
   * @param workingDirectory where relative paths (the report, a scenario file) are resolved
   * @param args the command line arguments
   * @param in standard input, for a scenario read from it
   * @param out where results go
   * @param err where errors go
   * @return the exit code
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Path workingDirectory) {
    if (args.length == 0) {
      err.print(USAGE_TEXT);
      return USAGE;
    }
    String command = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (command) {
        case "simulate":
          return new SimulateCommand(out, err, workingDirectory).run(rest);
        case "allocate":
          return new AllocateCommand(in, out, workingDirectory).run(rest);
        case "help", "--help", "-h":
          return help(rest, out);
        default:
          throw new UsageException("unknown command '" + command + "'; commands are simulate, allocate and help");
      }
    } catch (UsageException e) {
      err.println("error: " + oneLine(e.getMessage()));
      err.println("Run 'java -jar allocation-commons.jar help' for usage.");
      return USAGE;
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      // A bug, not bad input: one line, no stack trace (SPEC 7: errors in our own words).
      err.println("error: internal failure in '" + command + "': " + e.getClass().getSimpleName() + ": "
          + oneLine(String.valueOf(e.getMessage())));
      return FAILED;
    }
  }

  /** The message on one line: line breaks in input values would split it. */
  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  private static int help(List<String> rest, PrintStream out) throws UsageException {
    if (rest.isEmpty()) {
      out.print(USAGE_TEXT);
      return OK;
    }
    switch (rest.get(0)) {
      case "simulate" -> out.print(SimulateCommand.HELP);
      case "allocate" -> out.print(AllocateCommand.HELP);
      default -> throw new UsageException("no help for '" + rest.get(0) + "'; commands are simulate and allocate");
    }
    return OK;
  }
}
