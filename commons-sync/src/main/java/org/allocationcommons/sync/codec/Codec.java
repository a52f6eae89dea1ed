package org.allocationcommons.sync.codec;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.sync.codec.internal.Checks;
import org.allocationcommons.sync.codec.internal.Engine;
import org.allocationcommons.sync.codec.internal.FastPath;
import org.allocationcommons.sync.codec.internal.FilterRuleJson;
import org.allocationcommons.sync.codec.internal.JsonErrors;
import org.allocationcommons.sync.codec.internal.SlotIds;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.codec.internal.StampJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON boundary of the sync layer: turns documents into bytes and back with the exact wire names
 * of SPEC 3 (ITC stamps as {@code {"id": .., "event": ..}}), and validates them against
 * the Jakarta Validation constraints of the model.
 *
 * <p>Reading is strict where it matters and lenient where the original is (SPEC 7): unknown fields
 * are ignored; NaN and infinity (as tokens or as strings), missing primitives, trailing content,
 * documents above {@link #maxDocumentBytes()} and nesting deeper than {@link #maxNestingDepth()} are
 * rejected. Nothing is coerced: a string (even {@code "5"} or {@code ""}) where a number is
 * expected, a number where a boolean is, a fraction where an integer is, are rejected. A decoded
 * commitment must also have unique slot ids, as the local API requires. A {@code filter_rule} is read
 * as tolerantly as the original's {@code any}: missing fields are absent checks, an unreadable rule
 * passes as {@code FilterRule.Unknown} and is reported (logged here, flagged by matching).
 *
 * <p>Every rejection is an {@link InvalidDocumentException} whose {@link Violation}s name the JSON
 * field, the value and the rule in our words (syntax errors with their line and column), never a
 * library's hint. Participant-key checks of recognition weights are the envelope layer's: this codec
 * also reads scenarios whose members have plain names. Instances are immutable and thread-safe.
 *
 * <p>The constraints are the Jakarta annotations of the model, but they are checked by compiled
 * code ({@code codec.internal.Checks}) for every document type and nested record the codec decodes:
 * decoding, {@link #validate} and {@link #write} never start the validation engine for them, whose
 * bootstrap and per-type metadata cost about a second of cold start and tens of microseconds per
 * commitment (issues 11 and 13). Any other type is validated by Hibernate Validator (no expression
 * language), started on first such use, so nothing is ever left unchecked; tests compare the
 * compiled checks with the engine on random valid and invalid documents.
 *
 * <p>Documents of the model's record types are read and written by a streaming path
 * ({@code codec.internal.FastPath}) that follows the same Jackson annotations; whenever it meets
 * anything it does not handle exactly as Jackson would (a polymorphic filter rule, an unexpected
 * token, a duplicate field, a constructor that refuses its arguments), it gives up and the document
 * is decoded again by Jackson databind, so errors and results never depend on which path ran. The
 * databind mapper is built on its first use: a process that only exchanges the model's documents
 * never pays for it. Properties compare both paths byte for byte on random and mutated documents.
 */
public final class Codec {

  /** Default size limit of one document or envelope: 1 MiB. */
  public static final int DEFAULT_MAX_DOCUMENT_BYTES = 1 << 20;

  /**
   * Default nesting limit of a document: deep enough for stamps of commons of millions of members
   * (ITC trees grow with the logarithm of the membership when sponsors are spread), low enough that
   * hostile input cannot exhaust the stack.
   */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 200;

  private final int maxDocumentBytes;
  private final int maxNestingDepth;
  private final int maxStampNodes;
  private final JsonFactory factory;
  /** Built on first use: documents of the model's types are read and written without it. */
  private volatile JsonMapper mapper;

  private Codec(int maxDocumentBytes, int maxNestingDepth, int maxStampNodes) {
    this.maxDocumentBytes = maxDocumentBytes;
    this.maxNestingDepth = maxNestingDepth;
    this.maxStampNodes = maxStampNodes;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxNestingDepth)
                    .maxDocumentLength(maxDocumentBytes)
                    .build())
            .build();
  }

  private JsonMapper buildMapper() {
    return JsonMapper.builder(factory)
        .addModule(StampJson.module(maxStampNodes))
        .addModule(FilterRuleJson.module())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .withCoercionConfigDefaults(
            c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail).setAcceptBlankAsEmpty(false))
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  /**
   * A codec with the default limits (1 MiB, nesting depth {@value #DEFAULT_MAX_NESTING_DEPTH}).
   *
   * @return the shared default codec, also with {@link Stamp#DEFAULT_MAX_NODES} as stamp node limit
   */
  public static Codec defaults() {
    return DefaultHolder.DEFAULT;
  }

  /**
   * A codec with these limits.
   *
   * @param maxDocumentBytes largest document accepted, in bytes
   * @param maxNestingDepth deepest nesting of JSON arrays and objects accepted
   * @return a codec with these limits and {@link Stamp#DEFAULT_MAX_NODES} as stamp node limit
   * @throws IllegalArgumentException if a limit is below 1 (size) or 8 (depth: a commitment alone
   *     nests that deep)
   */
  public static Codec withLimits(int maxDocumentBytes, int maxNestingDepth) {
    if (maxDocumentBytes < 1) {
      throw new IllegalArgumentException("maxDocumentBytes = " + maxDocumentBytes + ": must be >= 1");
    }
    if (maxNestingDepth < 8) {
      throw new IllegalArgumentException("maxNestingDepth = " + maxNestingDepth + ": must be >= 8");
    }
    return withLimits(maxDocumentBytes, maxNestingDepth, Stamp.DEFAULT_MAX_NODES);
  }

  /**
   * A codec with these limits, the ITC node limit too (SPEC 7: stamps with more nodes are refused
   * on receipt; use one limit across a commons, at most {@link Stamp#DEFAULT_MAX_NODES} unless
   * every member raises it).
   *
   * @param maxDocumentBytes largest document accepted, in bytes
   * @param maxNestingDepth deepest nesting of JSON arrays and objects accepted
   * @param maxStampNodes most ITC nodes accepted in one stamp read
   * @return a codec with these limits
   * @throws IllegalArgumentException as {@link #withLimits(int, int)}, or if {@code maxStampNodes < 2}
   */
  public static Codec withLimits(int maxDocumentBytes, int maxNestingDepth, int maxStampNodes) {
    if (maxDocumentBytes < 1) {
      throw new IllegalArgumentException("maxDocumentBytes = " + maxDocumentBytes + ": must be >= 1");
    }
    if (maxNestingDepth < 8) {
      throw new IllegalArgumentException("maxNestingDepth = " + maxNestingDepth + ": must be >= 8");
    }
    if (maxStampNodes < 2) {
      throw new IllegalArgumentException("maxStampNodes = " + maxStampNodes + ": must be >= 2 (the seed has 2)");
    }
    return new Codec(maxDocumentBytes, maxNestingDepth, maxStampNodes);
  }

  /**
   * The ITC node limit for stamps read.
   *
   * @return the most nodes a stamp read may have
   */
  public int maxStampNodes() {
    return maxStampNodes;
  }

  /**
   * The size limit in bytes.
   *
   * @return the largest document accepted, in bytes
   */
  public int maxDocumentBytes() {
    return maxDocumentBytes;
  }

  /**
   * The nesting-depth limit.
   *
   * @return the deepest nesting of JSON arrays and objects accepted
   */
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  /**
   * The configured Jackson mapper (stamp module, limits); for codecs layered on this one. It is
   * built on the first call (or the first document the streaming path hands over), since building
   * it is most of a cold start.
   *
   * @return the mapper this codec reads and writes with
   */
  public JsonMapper mapper() {
    JsonMapper m = mapper;
    if (m == null) {
      synchronized (this) {
        m = mapper;
        if (m == null) {
          m = buildMapper();
          mapper = m;
        }
      }
    }
    return m;
  }

  /** Whether {@link #mapper()} has been built (for tests of the streaming path). */
  boolean mapperBuilt() {
    return mapper != null;
  }

  /**
   * The streaming factory with this codec's size and nesting limits, for reading envelopes and
   * other framing without binding.
   *
   * @return the factory this codec parses and generates with
   */
  public JsonFactory factory() {
    return factory;
  }

  /**
   * Validates {@code value} and writes it as UTF-8 JSON.
   *
   * @param value the document to write
   * @return the JSON bytes
   * @throws InvalidDocumentException if the value breaks a constraint (nothing is written)
   */
  public byte[] write(Object value) {
    requireValid(value);
    Optional<byte[]> fast = FastPath.write(factory, value);
    return fast.isPresent() ? fast.get() : mapper().writeValueAsBytes(value);
  }

  /**
   * Validates {@code value} and writes it as indented UTF-8 JSON, as Jackson's default pretty
   * printer lays it out: for people reading a document, such as the command line's output.
   *
   * @param value the document to write
   * @return the JSON bytes
   * @throws InvalidDocumentException if the value breaks a constraint (nothing is written)
   */
  public byte[] writeIndented(Object value) {
    requireValid(value);
    Optional<byte[]> fast = FastPath.write(factory, value, true);
    return fast.isPresent() ? fast.get() : mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
  }

  /**
   * Reads and validates a document of type {@code type}.
   *
   * @param <T> the document type
   * @param json the UTF-8 JSON input
   * @param type the class to bind to; its simple name names the document in violations
   * @return the decoded, valid document
   * @throws InvalidDocumentException naming field, value and rule for oversized, malformed, deeply
   *     nested or invalid input
   */
  public <T> T read(byte[] json, Class<T> type) {
    Objects.requireNonNull(json, "json");
    String what = type.getSimpleName();
    requireSize(json, what);
    Optional<T> fast = FastPath.read(factory, json, type, maxStampNodes);
    if (fast.isPresent()) {
      return requireDecodable(fast.get());
    }
    return readThroughDatabind(json, type);
  }

  /** The reference path of {@link #read}: databind, whatever the fast path would do. */
  <T> T readThroughDatabind(byte[] json, Class<T> type) {
    requireSize(json, type.getSimpleName());
    try (JsonParser p = mapper().createParser(json)) {
      return bind(p, type);
    }
  }

  /**
   * Reads a JSON tree within the limits, without binding.
   *
   * @param json the UTF-8 JSON input
   * @param what the kind of document expected, named in any violation
   * @return the tree; never missing
   * @throws InvalidDocumentException if the input is oversized, malformed, too deeply nested or empty
   */
  public JsonNode readTree(byte[] json, String what) {
    requireSize(json, what);
    try {
      JsonNode n = mapper().readTree(json);
      if (n == null || n.isMissingNode()) {
        throw InvalidDocumentException.of(what, "", "", "empty input; a JSON document is required");
      }
      return n;
    } catch (JacksonException e) {
      throw fromJackson(what, e);
    }
  }

  /**
   * Binds and validates a tree already read with {@link #readTree}.
   *
   * @param <T> the document type
   * @param tree the tree to bind
   * @param type the class to bind to; its simple name names the document in violations
   * @return the decoded, valid document
   * @throws InvalidDocumentException if the tree does not bind to {@code type} or the result is invalid
   */
  public <T> T fromTree(JsonNode tree, Class<T> type) {
    try (JsonParser p = mapper().treeAsTokens(tree)) {
      return bind(p, type);
    }
  }

  /**
   * Binds one document from {@code p} and checks it. The parser stays open while a failure is
   * explained, so that the offending value can be quoted.
   */
  private <T> T bind(JsonParser p, Class<T> type) {
    String what = type.getSimpleName();
    T value;
    try {
      value = mapper().readValue(p, type);
      if (value != null && p.nextToken() != null) {
        throw InvalidDocumentException.of(what, "", "", "trailing content after the document");
      }
    } catch (JacksonException e) {
      throw fromJackson(what, e);
    }
    if (value == null) {
      throw InvalidDocumentException.of(what, "", "null", "a document is required");
    }
    return requireDecodable(value);
  }

  /**
   * Every constraint {@code value} breaks, sorted by field.
   *
   * @param value the document to check
   * @return the violations, sorted by field then rule; empty when valid
   */
  public List<Violation> validate(Object value) {
    Objects.requireNonNull(value, "value");
    List<Violation> out = Checks.covers(value.getClass()) ? Checks.violations(value) : Engine.validate(value);
    out.sort(Comparator.comparing(Violation::field).thenComparing(Violation::rule));
    return out;
  }

  /**
   * Returns {@code value} if it is valid.
   *
   * @param <T> the document type
   * @param value the document to check
   * @return {@code value} itself
   * @throws InvalidDocumentException listing every violation otherwise
   */
  public <T> T requireValid(T value) {
    List<Violation> vs = validate(value);
    if (!vs.isEmpty()) {
      throw new InvalidDocumentException(value.getClass().getSimpleName(), vs);
    }
    return value;
  }

  /**
   * Returns a decoded {@code value} if it is valid and, for a commitment, its slot ids are unique
   * within capacity slots and within need slots: what the local API checks before it builds one.
   */
  private <T> T requireDecodable(T value) {
    List<Violation> vs = validate(value);
    if (value instanceof Commitment c) {
      vs.addAll(SlotIds.duplicates("capacity_slots", c.capacitySlots()));
      vs.addAll(SlotIds.duplicates("need_slots", c.needSlots()));
      vs.sort(Comparator.comparing(Violation::field).thenComparing(Violation::rule));
    }
    if (!vs.isEmpty()) {
      throw new InvalidDocumentException(value.getClass().getSimpleName(), vs);
    }
    return value;
  }

  private void requireSize(byte[] json, String what) {
    if (json.length > maxDocumentBytes) {
      throw InvalidDocumentException.of(
          what, "", json.length + " bytes", "must be at most " + maxDocumentBytes + " bytes");
    }
  }

  private InvalidDocumentException fromJackson(String what, JacksonException e) {
    return new InvalidDocumentException(what, List.of(JsonErrors.violation(e, maxDocumentBytes, maxNestingDepth)));
  }

  private static final class DefaultHolder {
    static final Codec DEFAULT = new Codec(DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_NESTING_DEPTH, Stamp.DEFAULT_MAX_NODES);
  }
}
