package org.allocationcommons.sync.codec.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allocationcommons.itc.Stamp;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** How one Java type is read from and written to JSON by {@link FastPath}; built once per type. */
abstract class Shape {

  /** Reads a value whose first token {@code t} has been read. */
  abstract Object read(JsonParser p, JsonToken t, int maxStampNodes);

  /** Writes a non-null value. */
  abstract void write(Object v, JsonGenerator g);

  /** Whether JSON null reads as Java null for this shape (reference types only). */
  boolean nullable() {
    return true;
  }

  static Shape of(Type t) {
    if (t instanceof Class<?> c) {
      if (c == String.class) {
        return new StringShape();
      }
      if (c == double.class || c == Double.class) {
        return new DoubleShape(c.isPrimitive());
      }
      if (c == long.class || c == Long.class) {
        return new LongShape(c.isPrimitive());
      }
      if (c == int.class || c == Integer.class) {
        return new IntShape(c.isPrimitive());
      }
      if (c == boolean.class || c == Boolean.class) {
        return new BooleanShape(c.isPrimitive());
      }
      if (c == Stamp.class) {
        return new StampShape();
      }
      if (c.isEnum()) {
        return EnumShape.of(c);
      }
      if (c.isRecord()) {
        return RecordShape.of(c);
      }
      return new NoShape();
    }
    if (t instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw) {
      Type[] args = pt.getActualTypeArguments();
      if (raw == Optional.class) {
        return new OptionalShape(of(args[0]));
      }
      if (raw == List.class) {
        return new ListShape(of(args[0]));
      }
      if (raw == Map.class && args[0] == String.class) {
        return new MapShape(of(args[1]));
      }
    }
    return new NoShape();
  }

  /** A type the shortcut does not handle (e.g. a filter rule): only its absence passes. */
  static final class NoShape extends Shape {
    @Override
    Object read(JsonParser p, JsonToken t, int maxStampNodes) {
      throw FastPath.UNHANDLED;
    }

    @Override
    void write(Object v, JsonGenerator g) {
      throw FastPath.UNHANDLED;
    }
  }

  static final class StringShape extends Shape {
    @Override
    Object read(JsonParser p, JsonToken t, int maxStampNodes) {
      if (t != JsonToken.VALUE_STRING) {
        throw FastPath.UNHANDLED;
      }
      return p.getString();
    }

    @Override
    void write(Object v, JsonGenerator g) {
      g.writeString((String) v);
    }
  }

  abstract static class Scalar extends Shape {
    private final boolean primitive;

    Scalar(boolean primitive) {
      this.primitive = primitive;
    }

    @Override
    boolean nullable() {
      return !primitive;
    }
  }

  static final class DoubleShape extends Scalar {
    DoubleShape(boolean primitive) {
      super(primitive);
    }

    @Override
    Object read(JsonParser p, JsonToken t, int maxStampNodes) {
      if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw FastPath.UNHANDLED;
        }
        double d = p.getDoubleValue();
        if (Double.isFinite(d)) {
          return d;
        }
      }
      throw FastPath.UNHANDLED;
    }

    @Override
    void write(Object v, JsonGenerator g) {
      g.writeNumber((Double) v);
    }
  }

  static final class LongShape extends Scalar {
    LongShape(boolean primitive) {
      super(primitive);
    }

    @Override
    Object read(JsonParser p, JsonToken t, int maxStampNodes) {
      JsonParser.NumberType type = t == JsonToken.VALUE_NUMBER_INT ? p.getNumberType() : null;
      if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
        throw FastPath.UNHANDLED;
      }
      return p.getLongValue();
    }

    @Override
    void write(Object v, JsonGenerator g) {
      g.writeNumber((Long) v);
    }
  }

  static final class IntShape extends Scalar {
    IntShape(boolean primitive) {
      super(primitive);
    }

    @Override
    Object read(JsonParser p, JsonToken t, int maxStampNodes) {
      if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
        throw FastPath.UNHANDLED;
      }
      return p.getIntValue();
    }

    @Override
    void write(Object v, JsonGenerator g) {
      g.writeNumber((Integer) v);
    }
  }

  static final class BooleanShape extends Scalar {
    BooleanShape(boolean primitive) {
      super(primitive);
    }

    @Override
    Object read(JsonParser p, JsonToken t, int maxStampNodes) {
      if (t == JsonToken.VALUE_TRUE) {
        return Boolean.TRUE;
      }
      if (t == JsonToken.VALUE_FALSE) {
        return Boolean.FALSE;
      }
      throw FastPath.UNHANDLED;
    }

    @Override
    void write(Object v, JsonGenerator g) {
      g.writeBoolean((Boolean) v);
    }
  }

  static final class StampShape extends Shape {
    @Override
    Object read(JsonParser p, JsonToken t, int maxStampNodes) {
      return StampStream.read(p, t, maxStampNodes);
    }

    @Override
    void write(Object v, JsonGenerator g) {
      StampStream.write((Stamp) v, g);
    }
  }

  /** An enum written by its {@code @JsonValue} string and read by its {@code @JsonCreator}. */
  static final class EnumShape extends Shape {
    private final Method value;
    private final Method creator;

    private EnumShape(Method value, Method creator) {
      this.value = value;
      this.creator = creator;
    }

    static Shape of(Class<?> c) {
      Method value = null;
      Method creator = null;
      for (Method m : c.getMethods()) {
        if (m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0 && m.getReturnType() == String.class) {
          value = m;
        }
        if (m.isAnnotationPresent(JsonCreator.class) && Modifier.isStatic(m.getModifiers())
            && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class) {
          creator = m;
        }
      }
      return value == null || creator == null ? new NoShape() : new EnumShape(value, creator);
    }

    @Override
    Object read(JsonParser p, JsonToken t, int maxStampNodes) {
      if (t != JsonToken.VALUE_STRING) {
        throw FastPath.UNHANDLED;
      }
      try {
        return creator.invoke(null, p.getString());
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw FastPath.UNHANDLED;
      }
    }

    @Override
    void write(Object v, JsonGenerator g) {
      try {
        g.writeString((String) value.invoke(v));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw FastPath.UNHANDLED;
      }
    }
  }

  static final class OptionalShape extends Shape {
    private final Shape element;

    OptionalShape(Shape element) {
      this.element = element;
    }

    @Override
    Object read(JsonParser p, JsonToken t, int maxStampNodes) {
      return t == JsonToken.VALUE_NULL ? Optional.empty() : Optional.of(element.read(p, t, maxStampNodes));
    }

    @Override
    void write(Object v, JsonGenerator g) {
      Optional<?> o = (Optional<?>) v;
      if (o.isPresent()) {
        element.write(o.get(), g);
      } else {
        g.writeNull();
      }
    }
  }

  static final class ListShape extends Shape {
    private final Shape element;

    ListShape(Shape element) {
      this.element = element;
    }

    @Override
    Object read(JsonParser p, JsonToken t, int maxStampNodes) {
      if (t != JsonToken.START_ARRAY) {
        throw FastPath.UNHANDLED;
      }
      List<Object> out = new ArrayList<>();
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == JsonToken.VALUE_NULL) {
          throw FastPath.UNHANDLED;
        }
        out.add(element.read(p, t, maxStampNodes));
      }
      return out;
    }

    @Override
    void write(Object v, JsonGenerator g) {
      List<?> list = (List<?>) v;
      g.writeStartArray();
      for (Object e : list) {
        if (e == null) {
          throw FastPath.UNHANDLED;
        }
        element.write(e, g);
      }
      g.writeEndArray();
    }
  }

  static final class MapShape extends Shape {
    private final Shape value;

    MapShape(Shape value) {
      this.value = value;
    }

    @Override
    Object read(JsonParser p, JsonToken t, int maxStampNodes) {
      if (t != JsonToken.START_OBJECT) {
        throw FastPath.UNHANDLED;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
        String key = p.currentName();
        t = p.nextToken();
        if (t == JsonToken.VALUE_NULL || out.containsKey(key)) {
          throw FastPath.UNHANDLED;
        }
        out.put(key, value.read(p, t, maxStampNodes));
      }
      return out;
    }

    @Override
    void write(Object v, JsonGenerator g) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          throw FastPath.UNHANDLED;
        }
        g.writeName((String) e.getKey());
        value.write(e.getValue(), g);
      }
      g.writeEndObject();
    }
  }

  /** A record: its components by JSON name, read into its canonical constructor. */
}
