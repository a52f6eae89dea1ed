package org.allocationcommons.testkit.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allocationcommons.core.allocation.Allocation;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.allocation.AllocationResult;
import org.allocationcommons.core.allocation.MutualRecognition;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.InvalidDocumentException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code allocate}: one provider's allocation from a scenario {@code {"provider": "<pubKey>",
 * "commitments": {"<pubKey>": <Commitment>, ...}}}, printed as the {@code AllocationState} JSON.
 */
public final class AllocateCommand {

  /**
   * Default of {@code --max-bytes}: 256 MiB, room for a generated 100,000-participant scenario
   * (148,226,907 bytes, 141 MiB, of compact JSON, measured by AllocateLimitsTest) with a margin,
   * yet bounded so that endless input (/dev/zero) fails with a message instead of exhausting memory.
   */
  public static final int DEFAULT_MAX_BYTES = 256 << 20;

  /** Largest {@code --max-bytes}: what one Java array can hold. */
  public static final int MAX_MAX_BYTES = Integer.MAX_VALUE - 8;

  /** The command's help text. */
  public static final String HELP = """
      Usage: java -jar allocation-commons.jar allocate [--policy faithful|water-filling]
                                                       [--max-bytes N] [FILE]

      Reads a scenario from FILE, or from standard input when FILE is absent or '-':

        {"provider": "<pubKey>",
         "commitments": {"<pubKey>": <Commitment>, ...}}

      Each commitment has the wire form (capacity_slots, need_slots, recognition_weights, timestamp,
      ...); its pubKey defaults to its key in the map, and a missing itcStamp to the anonymous empty
      stamp {"id": 0, "event": 0}. Mutual recognition is computed from the commitments'
      recognition_weights; every commitment counts as fresh. Prints the provider's AllocationState
      JSON (converged false, empty history, the provider's stamp and timestamp) on standard output.

      Required fields:
        scenario     provider (non-blank string, a key of commitments), commitments (object)
        commitment   timestamp (epoch milliseconds > 0); every other field is optional
        slot         id (non-blank) and name (a string, may be empty), in capacity_slots
                     and need_slots
      Limits: every quantity is finite, >= 0 and <= 1e12, and a commitment's need quantities, and
      its capacity quantities, each sum to at most 1e12; weights and damping_factor are in [0, 1].

      Options:
        --policy NAME   faithful (the original's formulas, the default) or water-filling
        --max-bytes N   refuse input longer than N bytes (default 268435456, 256 MiB; a generated
                        100,000-participant scenario is about 141 MiB of compact JSON)

      Exit codes:
        0   the allocation was printed
        2   bad arguments or bad input (not JSON, a field breaking a rule, input over --max-bytes,
            no such file): one line 'error: ...' naming the field, the value and the rule on
            standard error, nothing on standard output
        1   an internal failure (a bug): one line 'error: ...' on standard error, no stack trace
      """;

  private final InputStream in;
  private final PrintStream out;
  private final Path workingDirectory;
  private Codec codec = Codec.defaults();

  /** A command reading standard input from {@code in} and printing to {@code out}. */
  public AllocateCommand(InputStream in, PrintStream out, Path workingDirectory) {
    this.in = in;
    this.out = out;
    this.workingDirectory = workingDirectory;
  }

  /** Runs the command; returns the exit code. */
  public int run(List<String> args) throws UsageException {
    Arguments a = Arguments.parse("allocate", args, Set.of("policy", "max-bytes"), Set.of());
    AllocationPolicy policy = policy(a.value("policy").orElse("faithful"));
    int maxBytes = a.intOption("max-bytes", DEFAULT_MAX_BYTES, 1, MAX_MAX_BYTES);
    if (a.operands().size() > 1) {
      throw new UsageException("allocate takes at most one FILE, got " + a.operands());
    }
    // The network's 1 MiB limit protects a node from its peers; a local scenario is the user's own
    // file, so the CLI reads up to its own limit (the codec's nesting limit stays).
    codec = Codec.withLimits(maxBytes, Codec.DEFAULT_MAX_NESTING_DEPTH);
    String source = a.operands().isEmpty() ? "-" : a.operands().get(0);
    byte[] json = read(source, maxBytes);
    AllocationState state = allocate(json, policy);
    out.println(codec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(codec.requireValid(state)));
    return 0;
  }

  /**
   * The provider's allocation state for a scenario.
   *
   * @throws UsageException naming what is wrong with the scenario
   */
  AllocationState allocate(byte[] json, AllocationPolicy policy) throws UsageException {
    JsonNode root;
    try {
      root = codec.readTree(json, "scenario");
    } catch (InvalidDocumentException e) {
      throw new UsageException("the scenario is not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isObject()) {
      throw new UsageException("the scenario must be a JSON object {\"provider\": ..., \"commitments\": {...}}, was a "
          + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    JsonNode providerNode = root.get("provider");
    if (providerNode == null || !providerNode.isString() || providerNode.stringValue().isBlank()) {
      throw new UsageException("scenario field 'provider' must be a non-blank pubKey string, was " + providerNode);
    }
    String provider = providerNode.stringValue();
    JsonNode commitmentsNode = root.get("commitments");
    if (commitmentsNode == null || !commitmentsNode.isObject()) {
      throw new UsageException("scenario field 'commitments' must be an object {\"<pubKey>\": <Commitment>}, was "
          + commitmentsNode);
    }
    Map<String, Commitment> commitments = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : commitmentsNode.properties()) {
      commitments.put(e.getKey(), commitment(e.getKey(), e.getValue()));
    }
    Commitment mine = commitments.get(provider);
    if (mine == null) {
      throw new UsageException("scenario field 'provider' is '" + provider + "', but 'commitments' has no entry for it; "
          + "entries: " + commitments.keySet());
    }
    Map<String, Map<String, Double>> weights = new LinkedHashMap<>();
    commitments.forEach((k, c) -> weights.put(k, c.recognitionWeights()));
    try {
      Map<String, Double> mr = MutualRecognition.compute(provider, mine.recognitionWeights(), weights);
      AllocationResult result = Allocation.compute(
          AllocationInput.of(provider, mine, mr, mine.recognitionWeights(), commitments), policy);
      return result.toState(false, List.of(), mine.itcStamp(), mine.timestamp());
    } catch (IllegalArgumentException e) {
      throw new UsageException("the scenario cannot be allocated: " + e.getMessage(), e);
    }
  }

  private Commitment commitment(String key, JsonNode node) throws UsageException {
    String where = "commitments." + key;
    if (!node.isObject()) {
      throw new UsageException("scenario field '" + where + "' must be a commitment object, was " + node);
    }
    ObjectNode c = (ObjectNode) node.deepCopy();
    JsonNode pubKey = c.get("pubKey");
    if (pubKey == null) {
      c.put("pubKey", key);
    } else if (!pubKey.isString() || !pubKey.stringValue().equals(key)) {
      throw new UsageException("scenario field '" + where + ".pubKey' is " + pubKey + " but must equal its key '" + key + "'");
    }
    if (c.get("itcStamp") == null) {
      c.putObject("itcStamp").put("id", 0).put("event", 0);
    }
    try {
      return codec.fromTree(c, Commitment.class);
    } catch (InvalidDocumentException e) {
      throw new UsageException("scenario field '" + where + "' is not a valid commitment: " + e.getMessage(), e);
    }
  }

  private byte[] read(String source, int maxBytes) throws UsageException {
    String name = source.equals("-") ? "standard input" : source;
    try {
      if (source.equals("-")) {
        return readBounded(in, maxBytes, name);
      }
      try (InputStream file = Files.newInputStream(workingDirectory.resolve(source))) {
        return readBounded(file, maxBytes, name);
      }
    } catch (NoSuchFileException e) {
      throw new UsageException("allocate: no such file: " + workingDirectory.resolve(source).toAbsolutePath(), e);
    } catch (IOException e) {
      throw new UsageException("allocate: cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads at most {@code maxBytes} bytes; one byte more is an error. Chunks are kept apart until the
   * end, so the memory used is what was read (no doubling buffer) and endless input stops at the
   * limit.
   */
  static byte[] readBounded(InputStream stream, int maxBytes, String name) throws IOException, UsageException {
    List<byte[]> chunks = new ArrayList<>();
    long total = 0;
    while (true) {
      byte[] chunk = stream.readNBytes((int) Math.min(CHUNK, maxBytes + 1L - total));
      if (chunk.length == 0) {
        break;
      }
      chunks.add(chunk);
      total += chunk.length;
      if (total > maxBytes) {
        throw new UsageException("allocate: input exceeds --max-bytes " + maxBytes + " (" + name
            + " has more than " + maxBytes + " bytes); pass a larger --max-bytes or a smaller scenario");
      }
    }
    byte[] all = new byte[(int) total];
    int at = 0;
    for (byte[] c : chunks) {
      System.arraycopy(c, 0, all, at, c.length);
      at += c.length;
    }
    return all;
  }

  private static final int CHUNK = 1 << 20;

  static AllocationPolicy policy(String value) throws UsageException {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "faithful" -> AllocationPolicy.FAITHFUL;
      case "water-filling", "water_filling", "waterfilling" -> AllocationPolicy.WATER_FILLING;
      default -> throw new UsageException("allocate: --policy must be faithful or water-filling, was '" + value + "'");
    };
  }
}
