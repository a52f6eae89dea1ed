package org.allocationcommons.sync.codec.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.allocationcommons.sync.codec.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Says why the JSON reader refused a document, in the project's words (SPEC 7): the JSON path, the
 * value found and the rule, never a library's class or feature name. Our own exceptions raised
 * while binding (stamps, tiers) keep their message. Stateless.
 */
public final class JsonErrors {

  private static final int MAX_VALUE_CHARS = 120;

  private JsonErrors() {}

  /** The violation behind {@code e}, for a reader with these limits. */
  public static Violation violation(JacksonException e, int maxDocumentBytes, int maxNestingDepth) {
    String field = field(e);
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (!(root instanceof JacksonException)) {
      return Violation.of(field, "", String.valueOf(root.getMessage())); // ours: stamps, tiers, records
    }
    JacksonException j = (JacksonException) root;
    String original = String.valueOf(j.getOriginalMessage());
    if (j instanceof StreamConstraintsException) {
      return Violation.of(field, "", limit(original, maxDocumentBytes, maxNestingDepth));
    }
    if (j instanceof StreamReadException && !(j instanceof MismatchedInputException)) {
      if (original.startsWith("Non-standard token '")) { // NaN, Infinity: the reader knows where
        String token = original.substring("Non-standard token '".length(), original.indexOf('\'', 20));
        String at = j.processor() instanceof JsonParser p ? path(p.streamReadContext()) : field;
        return Violation.of(at, token, "must be a finite number");
      }
      return Violation.of("", "", syntax(j.getLocation(), original));
    }
    if (original.startsWith("Trailing token")) {
      return Violation.of("", "", "trailing content after the document");
    }
    if (j instanceof MismatchedInputException m) {
      return mismatch(field, m, original);
    }
    return Violation.of(field, "", tidy(original));
  }

  /**
   * The JSON path of the failure, such as {@code need_slots[0].quantity}: from the binder's path
   * when it has one, else from the reader's position.
   */
  static String field(JacksonException e) {
    if (!e.getPath().isEmpty()) {
      StringBuilder field = new StringBuilder();
      for (JacksonException.Reference r : e.getPath()) {
        Object from = r.from();
        boolean mapKey = from instanceof Map<?, ?> || from instanceof Class<?> c && Map.class.isAssignableFrom(c);
        if (r.getPropertyName() != null && mapKey) {
          field.append('[').append(r.getPropertyName()).append(']');
        } else if (r.getPropertyName() != null) {
          if (field.length() > 0) {
            field.append('.');
          }
          field.append(r.getPropertyName());
        } else if (r.getIndex() >= 0) {
          field.append('[').append(r.getIndex()).append(']');
        }
      }
      return field.toString();
    }
    if (e.processor() instanceof JsonParser p) {
      return path(p.streamReadContext());
    }
    return "";
  }

  /** The dotted path of a reader position ({@code need_slots[0].quantity}). */
  public static String path(TokenStreamContext ctx) {
    java.util.ArrayDeque<String> segments = new java.util.ArrayDeque<>();
    for (TokenStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        segments.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.currentName() != null) {
        segments.push(c.currentName());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String s : segments) {
      if (out.length() > 0 && !s.startsWith("[")) {
        out.append('.');
      }
      out.append(s);
    }
    return out.toString();
  }

  private static String limit(String original, int maxDocumentBytes, int maxNestingDepth) {
    if (original.contains("nesting depth")) {
      return "nesting depth exceeds the limit of " + maxNestingDepth + " levels";
    }
    if (original.startsWith("Document length")) {
      return "must be at most " + maxDocumentBytes + " bytes";
    }
    if (original.startsWith("Number value length")) {
      return "a number has too many digits";
    }
    if (original.startsWith("String value length")) {
      return "a string is too long";
    }
    if (original.startsWith("Name length")) {
      return "a field name is too long";
    }
    return "exceeds a reading limit";
  }

  private static String syntax(TokenStreamLocation at, String original) {
    String where = at == null || at.getLineNr() < 1
        ? "invalid JSON: "
        : "invalid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    String reason;
    if (original.startsWith("Unexpected end-of-input")) {
      reason = "the document ends before it is complete";
    } else if (original.startsWith("Unexpected character (")) {
      int q = original.indexOf('\'');
      String ch = q >= 0 && original.indexOf('\'', q + 1) > q ? original.substring(q, original.indexOf('\'', q + 1) + 1) : "";
      int colon = original.indexOf("): ");
      String expected = colon >= 0 ? original.substring(colon + 3) : "";
      reason = "unexpected character " + ch + (expected.isEmpty() ? "" : "; " + tidy(expected));
    } else {
      reason = tidy(original);
    }
    return where + reason;
  }

  private static Violation mismatch(String field, MismatchedInputException m, String original) {
    JsonToken token = m.getCurrentToken();
    Class<?> target = m.getTargetType();
    Object raw = m instanceof InvalidFormatException ife ? ife.getValue() : scalar(m, token);
    if (token == JsonToken.VALUE_NULL || original.startsWith("Cannot map `null`")) {
      return Violation.of(field, "null", "is required");
    }
    Optional<String> expected = kind(target);
    if (expected.isEmpty() || token == null) {
      return Violation.of(field, value(raw, token), tidy(original));
    }
    String found = found(token);
    String rule = "must be " + expected.get();
    if (token == JsonToken.VALUE_NUMBER_FLOAT && expected.get().equals("an integer")) {
      return Violation.of(field, value(raw, token), rule);
    }
    return Violation.of(field, value(raw, token), rule + (found.isEmpty() ? "" : ", not " + found));
  }

  /** A rule without what was found instead ({@code must be a number}). */
  static String expected(String rule) {
    int i = rule.indexOf(", not ");
    return i < 0 ? rule : rule.substring(0, i);
  }

  /** What a JSON value is, in words ({@code a string}). */
  static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING, BINARY -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case NULL, MISSING -> "null";
      default -> "an object";
    };
  }

  /** The scalar the reader stopped at, as read (a string stays a string, to be quoted). */
  private static Object scalar(MismatchedInputException m, JsonToken token) {
    if (token == null || !token.isScalarValue() || !(m.processor() instanceof JsonParser p)) {
      return null;
    }
    try {
      return token == JsonToken.VALUE_STRING ? p.getString() : p.getText();
    } catch (RuntimeException e) {
      return null; // the reader has moved on; the rule alone must do
    }
  }

  /** What a Java type means on the wire, in words. */
  private static Optional<String> kind(Class<?> t) {
    if (t == null) {
      return Optional.empty();
    }
    if (t == double.class || t == float.class || t == Double.class || t == Float.class
        || t == java.math.BigDecimal.class || t == Number.class) {
      return Optional.of("a number");
    }
    if (t == int.class || t == long.class || t == short.class || t == byte.class || t == Integer.class
        || t == Long.class || t == Short.class || t == Byte.class || t == java.math.BigInteger.class) {
      return Optional.of("an integer");
    }
    if (t == boolean.class || t == Boolean.class) {
      return Optional.of("true or false");
    }
    if (t == String.class || t.isEnum()) {
      return Optional.of("a string");
    }
    if (t.isArray() || Collection.class.isAssignableFrom(t)) {
      return Optional.of("an array");
    }
    if (t.isPrimitive()) {
      return Optional.empty();
    }
    return Optional.of("an object");
  }

  private static String found(JsonToken token) {
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_OBJECT, END_OBJECT, PROPERTY_NAME -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      default -> "";
    };
  }

  private static String value(Object raw, JsonToken token) {
    if (raw instanceof String s) {
      return abbreviate(quoted(s));
    }
    if (raw != null) {
      return abbreviate(String.valueOf(raw));
    }
    if (token == null) {
      return "";
    }
    return switch (token) {
      case START_OBJECT, PROPERTY_NAME -> "{...}";
      case START_ARRAY -> "[...]";
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      default -> "";
    };
  }

  /** {@code s} as a JSON string literal, control characters escaped, so that a log line stays one line. */
  private static String quoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** A library message without its hints, backquotes and package names. */
  static String tidy(String message) {
    String m = message;
    for (String hint : new String[] {" (set ", " (disable ", " (enable ", " (but could", ": not allowed as per",
        " (through reference chain", " (for Object starting", " (for Array starting", " (for root starting",
        " (start marker at", " at [Source", " [Source", "[Source", "\n"}) {
      int i = m.indexOf(hint);
      if (i >= 0) {
        m = m.substring(0, i);
      }
    }
    m = m.replaceAll("`(?:[a-z][a-z0-9_]*\\.)+([A-Za-z0-9_$]+)`", "$1").replace("`", "");
    return m.replace('$', '.');
  }

  private static String abbreviate(String s) {
    return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS - 3) + "..." : s;
  }
}
