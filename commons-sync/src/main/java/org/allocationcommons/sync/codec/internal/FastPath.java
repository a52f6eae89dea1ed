package org.allocationcommons.sync.codec.internal;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.JsonParser;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads and writes the model's records with Jackson's streaming API alone, so that a process can
 * exchange documents without building a databind mapper (a few hundred milliseconds of class
 * loading, issue 11). It is a shortcut, never a second definition of the format: it reads only
 * the plain case (the expected token for every component, no duplicate property, no null where
 * a value is required, finite numbers, no {@code filter_rule}) and otherwise gives up, returning
 * empty so that the caller reads the same bytes through databind, which accepts or explains them
 * exactly as before. Writing gives up likewise on a value it cannot write as databind would.
 * Tests compare both paths, byte for byte and record for record, on random and mutated documents.
 *
 * <p>Shapes are taken from the record components (their {@code @JsonProperty} names, generic
 * types and {@code @JsonInclude} rules), once per class. Only records whose every component is
 * named by {@code @JsonProperty} are handled; others (the filter rules, with their own serializers)
 * make the whole document go through databind.
 */
public final class FastPath {

  /** Thrown inside the shortcut to give up; carries no stack trace. */
  static final class Unhandled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unhandled() {
      super("not handled by the fast path", null, false, false);
    }
  }

  static final Unhandled UNHANDLED = new Unhandled();

  /** A write context with databind's default pretty printer, a fresh instance per generator. */
  private static final ObjectWriteContext INDENTED =
      new ObjectWriteContext.Base() {
        @Override
        public PrettyPrinter getPrettyPrinter() {
          return new DefaultPrettyPrinter();
        }

        @Override
        public boolean hasPrettyPrinter() {
          return true;
        }
      };

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  private FastPath() {}

  /**
   * Reads one document of {@code type} from {@code json}, or gives up.
   *
   * @param <T> the document type
   * @param factory the factory whose limits apply
   * @param json the UTF-8 JSON input
   * @param type the record type to read
   * @param maxStampNodes the ITC node limit
   * @return the document, or empty where the databind path must decide
   */
  public static <T> Optional<T> read(JsonFactory factory, byte[] json, Class<T> type, int maxStampNodes) {
    Shape shape = SHAPES.get(type);
    if (!(shape instanceof RecordShape)) {
      return Optional.empty();
    }
    try (JsonParser p = factory.createParser(json)) {
      Object value = shape.read(p, p.nextToken(), maxStampNodes);
      if (p.nextToken() != null) {
        return Optional.empty();
      }
      return Optional.of(type.cast(value));
    } catch (Unhandled | JacksonException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes {@code value} as databind would, or gives up.
   *
   * @param factory the factory to write with
   * @param value the document
   * @return the UTF-8 JSON bytes, or empty where the databind path must write
   */
  public static Optional<byte[]> write(JsonFactory factory, Object value) {
    return write(factory, value, false);
  }

  /**
   * Writes {@code value} as databind would, compact or indented as databind's default pretty
   * printer indents, or gives up.
   *
   * @param factory the factory to write with
   * @param value the document
   * @param indented whether to indent as {@code writerWithDefaultPrettyPrinter()} does
   * @return the UTF-8 JSON bytes, or empty where the databind path must write
   */
  public static Optional<byte[]> write(JsonFactory factory, Object value, boolean indented) {
    Shape shape = SHAPES.get(value.getClass());
    if (!(shape instanceof RecordShape)) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    ObjectWriteContext context = indented ? INDENTED : ObjectWriteContext.empty();
    try (JsonGenerator g = factory.createGenerator(context, out)) {
      shape.write(value, g);
    } catch (Unhandled e) {
      return Optional.empty();
    }
    return Optional.of(out.toByteArray());
  }
}
