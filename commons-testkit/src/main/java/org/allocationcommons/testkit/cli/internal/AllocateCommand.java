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
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.io.JsonStringEncoder;

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
    // Written by the codec's streaming path (databind's layout, without loading databind), then
    // copied out as bytes rather than decoded into one String first.
    byte[] text = codec.writeIndented(state);
    out.write(text, 0, text.length);
    out.println();
    return 0;
  }

  /**
   * The provider's allocation state for a scenario.
   *
   * @throws UsageException naming what is wrong with the scenario
   */
  AllocationState allocate(byte[] json, AllocationPolicy policy) throws UsageException {
    Scenario scenario = scenario(json);
    String provider = scenario.provider();
    Map<String, Commitment> commitments = scenario.commitments();
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

  /** A parsed scenario: the provider's pubKey and every commitment, in input order. */
  record Scenario(String provider, Map<String, Commitment> commitments) {}

  /**
   * Reads a scenario in one streaming pass: each commitment's bytes are located without building
   * a tree, completed with its key as pubKey and a seed stamp when those are absent, and read by
   * the codec (its streaming path, with the model's checks), so a large scenario is not parsed
   * twice nor copied as a tree.
   */
  Scenario scenario(byte[] json) throws UsageException {
    String provider = null;
    String providerShown = "null";
    Map<String, Commitment> commitments = null;
    String commitmentsShown = "null";
    try (JsonParser p = codec.factory().createParser(json)) {
      JsonToken root = p.nextToken();
      if (root == null) {
        throw new UsageException("the scenario is not valid JSON: empty input; a JSON document is required");
      }
      if (root != JsonToken.START_OBJECT) {
        throw new UsageException("the scenario must be a JSON object {\"provider\": ..., \"commitments\": {...}}, was a "
            + kind(root));
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("provider")) {
          provider = t == JsonToken.VALUE_STRING ? p.getString() : null;
          providerShown = shown(p, t);
          p.skipChildren();
        } else if (name.equals("commitments")) {
          if (t == JsonToken.START_OBJECT) {
            commitments = commitments(p, json);
          } else {
            commitmentsShown = shown(p, t);
            p.skipChildren();
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new UsageException("the scenario is not valid JSON: trailing content after the document");
      }
    } catch (JacksonException e) {
      throw new UsageException("the scenario is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (provider == null || provider.isBlank()) {
      throw new UsageException("scenario field 'provider' must be a non-blank pubKey string, was " + providerShown);
    }
    if (commitments == null) {
      throw new UsageException("scenario field 'commitments' must be an object {\"<pubKey>\": <Commitment>}, was "
          + commitmentsShown);
    }
    return new Scenario(provider, commitments);
  }

  /** The commitments object, the parser on its START_OBJECT; leaves it on the matching END_OBJECT. */
  private Map<String, Commitment> commitments(JsonParser p, byte[] json) throws UsageException {
    Map<String, Commitment> commitments = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = p.currentName();
      String where = "commitments." + key;
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new UsageException("scenario field '" + where + "' must be a commitment object, was " + shown(p, t));
      }
      int start = (int) p.currentTokenLocation().getByteOffset();
      boolean hasStamp = false;
      boolean hasPubKey = false;
      boolean empty = true;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        empty = false;
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (field.equals("pubKey")) {
          hasPubKey = true;
          if (v != JsonToken.VALUE_STRING || !p.getString().equals(key)) {
            throw new UsageException("scenario field '" + where + ".pubKey' is " + shown(p, v)
                + " but must equal its key '" + key + "'");
          }
        } else if (field.equals("itcStamp")) {
          hasStamp = v != JsonToken.VALUE_NULL;
        }
        p.skipChildren();
      }
      int end = (int) p.currentTokenLocation().getByteOffset() + 1;
      byte[] document = completed(json, start, end, key, hasPubKey, hasStamp, empty);
      Commitment c;
      try {
        c = codec.read(document, Commitment.class);
      } catch (InvalidDocumentException e) {
        throw new UsageException("scenario field '" + where + "' is not a valid commitment: " + e.getMessage(), e);
      }
      if (commitments.put(key, c) != null) {
        throw new UsageException("scenario field 'commitments' has the key '" + key + "' twice");
      }
    }
    return commitments;
  }

  /** The bytes of one commitment, with {@code pubKey} and a seed {@code itcStamp} added when absent. */
  private static byte[] completed(
      byte[] json, int start, int end, String key, boolean hasPubKey, boolean hasStamp, boolean empty) {
    if (hasPubKey && hasStamp) {
      return java.util.Arrays.copyOfRange(json, start, end);
    }
    StringBuilder added = new StringBuilder();
    if (!hasPubKey) {
      added.append("\"pubKey\":").append(quoted(key));
    }
    if (!hasStamp) {
      if (added.length() > 0) {
        added.append(',');
      }
      added.append("\"itcStamp\":{\"id\":0,\"event\":0}");
    }
    if (!empty) {
      added.append(',');
    }
    byte[] extra = added.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = new byte[end - start + extra.length];
    out[0] = '{';
    System.arraycopy(extra, 0, out, 1, extra.length);
    System.arraycopy(json, start + 1, out, 1 + extra.length, end - start - 1);
    return out;
  }

  /** {@code s} as a JSON string literal, escaped by Jackson's own encoder. */
  private static String quoted(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, b);
    return b.append('"').toString();
  }

  /** A value for a message: a scalar as JSON, an object or array by kind (the parser stays on it). */
  private static String shown(JsonParser p, JsonToken t) {
    return switch (t) {
      case VALUE_STRING -> quoted(p.getString());
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> p.getString();
    };
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> t.name().toLowerCase(java.util.Locale.ROOT);
    };
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
