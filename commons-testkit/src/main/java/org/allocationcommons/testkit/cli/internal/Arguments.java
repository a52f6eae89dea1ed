package org.allocationcommons.testkit.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options and operands of one command: {@code --name value}, {@code --name=value}, flags
 * ({@code --quiet}) and positional operands. Each option may appear once; unknown ones are rejected.
 */
public final class Arguments {

  private final String command;
  private final Map<String, String> options = new LinkedHashMap<>();
  private final List<String> operands = new ArrayList<>();

  private Arguments(String command) {
    this.command = command;
  }

  /**
   * Parses {@code args} for {@code command}.
   *
   * @param valued options that take a value
   * @param flags options that take none
   * @throws UsageException naming an unknown, repeated or value-less option
   */
  public static Arguments parse(String command, List<String> args, Set<String> valued, Set<String> flags)
      throws UsageException {
    Arguments a = new Arguments(command);
    boolean onlyOperands = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (onlyOperands || !arg.startsWith("--") || arg.equals("-")) {
        a.operands.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        onlyOperands = true;
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name)) {
        if (value != null) {
          throw new UsageException(command + ": option --" + name + " takes no value, got '" + value + "'");
        }
        value = "true";
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException(command + ": option --" + name + " needs a value");
          }
          value = args.get(++i);
        }
      } else {
        List<String> known = new ArrayList<>();
        valued.forEach(v -> known.add("--" + v));
        flags.forEach(f -> known.add("--" + f));
        known.sort(null);
        throw new UsageException(command + ": unknown option --" + name + "; known options: " + String.join(", ", known));
      }
      if (a.options.put(name, value) != null) {
        throw new UsageException(command + ": option --" + name + " given twice");
      }
    }
    return a;
  }

  /** Whether a flag was given. */
  public boolean flag(String name) {
    return options.containsKey(name);
  }

  /** The value of an option, if given. */
  public Optional<String> value(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** The positional operands, in order. */
  public List<String> operands() {
    return List.copyOf(operands);
  }

  /** An integer option within [min, max], or the default. */
  public int intOption(String name, int defaultValue, int min, int max) throws UsageException {
    String v = options.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new UsageException(command + ": --" + name + " must be between " + min + " and " + max + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be a whole number, was '" + v + "'");
    }
  }

  /** A long option, or the default. */
  public long longOption(String name, long defaultValue) throws UsageException {
    String v = options.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be a whole number, was '" + v + "'");
    }
  }

  /** A decimal option within [min, max] (max exclusive when {@code maxExclusive}), or the default. */
  public double doubleOption(String name, double defaultValue, double min, double max, boolean maxExclusive)
      throws UsageException {
    String v = options.get(name);
    if (v == null) {
      return defaultValue;
    }
    double d;
    try {
      d = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be a number, was '" + v + "'");
    }
    if (!(d >= min && (maxExclusive ? d < max : d <= max))) {
      throw new UsageException(String.format(Locale.ROOT, "%s: --%s must be in [%s, %s%s, was %s",
          command, name, plain(min), plain(max), maxExclusive ? ")" : "]", v));
    }
    return d;
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
