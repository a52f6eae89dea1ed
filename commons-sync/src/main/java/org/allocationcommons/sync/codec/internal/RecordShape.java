package org.allocationcommons.sync.codec.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** A record whose every component is named for the wire: an object with those properties. */
final class RecordShape extends Shape {
  private final Constructor<?> constructor;
  private final String[] names;
  private final Shape[] shapes;
  private final Method[] accessors;
  private final JsonInclude.Include[] inclusion;
  private final Map<String, Integer> index;

  private RecordShape(
      Constructor<?> constructor, String[] names, Shape[] shapes, Method[] accessors, JsonInclude.Include[] inclusion) {
    this.constructor = constructor;
    this.names = names;
    this.shapes = shapes;
    this.accessors = accessors;
    this.inclusion = inclusion;
    this.index = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      index.put(names[i], i);
    }
  }

  static Shape of(Class<?> c) {
    RecordComponent[] cs = c.getRecordComponents();
    Class<?>[] types = new Class<?>[cs.length];
    String[] names = new String[cs.length];
    Shape[] shapes = new Shape[cs.length];
    Method[] accessors = new Method[cs.length];
    JsonInclude.Include[] inclusion = new JsonInclude.Include[cs.length];
    JsonInclude classRule = c.getAnnotation(JsonInclude.class);
    for (int i = 0; i < cs.length; i++) {
      RecordComponent rc = cs[i];
      types[i] = rc.getType();
      // Jackson's annotations do not target record components: javac puts them on the accessor
      accessors[i] = rc.getAccessor();
      JsonProperty named = accessors[i].getAnnotation(JsonProperty.class);
      if (named == null || named.value().isEmpty()) {
        return new Shape.NoShape(); // only the model's documents, every component named for the wire
      }
      names[i] = named.value();
      shapes[i] = Shape.of(rc.getGenericType());
      JsonInclude rule = accessors[i].getAnnotation(JsonInclude.class);
      JsonInclude.Include include =
          rule != null ? rule.value() : classRule != null ? classRule.value() : JsonInclude.Include.ALWAYS;
      if (include != JsonInclude.Include.ALWAYS && include != JsonInclude.Include.NON_NULL
          && include != JsonInclude.Include.NON_ABSENT && include != JsonInclude.Include.NON_EMPTY) {
        return new Shape.NoShape();
      }
      inclusion[i] = include;
    }
    if (!Modifier.isPublic(c.getModifiers()) || polymorphic(c)) {
      return new Shape.NoShape();
    }
    try {
      return new RecordShape(c.getConstructor(types), names, shapes, accessors, inclusion);
    } catch (NoSuchMethodException e) {
      return new Shape.NoShape();
    }
  }

  /** Whether databind writes or reads {@code c} with type information (a filter rule's kinds). */
  private static boolean polymorphic(Class<?> c) {
    if (c.isAnnotationPresent(JsonTypeInfo.class)) {
      return true;
    }
    for (Class<?> i : c.getInterfaces()) {
      if (polymorphic(i)) {
        return true;
      }
    }
    return false;
  }

  @Override
  Object read(JsonParser p, JsonToken t, int maxStampNodes) {
    if (t != JsonToken.START_OBJECT) {
      throw FastPath.UNHANDLED;
    }
    Object[] args = new Object[names.length];
    boolean[] seen = new boolean[names.length];
    while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
      Integer i = index.get(p.currentName());
      t = p.nextToken();
      if (i == null) {
        p.skipChildren();
        continue;
      }
      if (seen[i]) {
        throw FastPath.UNHANDLED;
      }
      seen[i] = true;
      if (t == JsonToken.VALUE_NULL && !(shapes[i] instanceof Shape.OptionalShape)) {
        if (!shapes[i].nullable()) {
          throw FastPath.UNHANDLED;
        }
        continue;
      }
      args[i] = shapes[i].read(p, t, maxStampNodes);
    }
    for (int i = 0; i < names.length; i++) {
      if (!seen[i] && !shapes[i].nullable()) {
        throw FastPath.UNHANDLED; // a missing primitive: databind's to explain
      }
    }
    try {
      return constructor.newInstance(args);
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw FastPath.UNHANDLED;
    }
  }

  @Override
  void write(Object v, JsonGenerator g) {
    g.writeStartObject();
    for (int i = 0; i < names.length; i++) {
      Object value;
      try {
        value = accessors[i].invoke(v);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw FastPath.UNHANDLED;
      }
      if (!included(inclusion[i], value)) {
        continue;
      }
      g.writeName(names[i]);
      if (value == null) {
        g.writeNull();
      } else {
        shapes[i].write(value, g);
      }
    }
    g.writeEndObject();
  }

  private static boolean included(JsonInclude.Include rule, Object value) {
    return switch (rule) {
      case NON_NULL -> value != null;
      case NON_ABSENT -> value != null && !(value instanceof Optional<?> o && o.isEmpty());
      case NON_EMPTY -> value != null
          && !(value instanceof Optional<?> o && o.isEmpty())
          && !(value instanceof java.util.Collection<?> c && c.isEmpty())
          && !(value instanceof Map<?, ?> m && m.isEmpty())
          && !(value instanceof String s && s.isEmpty());
      default -> true;
    };
  }
}
