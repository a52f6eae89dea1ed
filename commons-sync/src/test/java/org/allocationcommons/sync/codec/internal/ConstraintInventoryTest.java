package org.allocationcommons.sync.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Pins every Jakarta constraint on the types {@link Checks} covers, read by reflection, to the
 * inventory {@code constraints.txt}. {@link Checks} mirrors those annotations by hand: a constraint
 * added, removed or changed in the model fails this test until {@code Checks} (and {@code
 * RandomDocuments}, so that {@code ChecksProperties} exercises it) follow and the inventory is
 * updated, instead of the two silently disagreeing where the random documents do not reach.
 */
class ConstraintInventoryTest {

  @Test
  void theCoveredTypesCarryExactlyTheConstraintsTheChecksWereWrittenFor() throws IOException {
    List<String> expected;
    try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("constraints.txt"), "constraints.txt")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
    List<String> actual = inventory();
    assertThat(actual)
        .as("the constraints of the decoded types changed: update Checks and RandomDocuments, then constraints.txt"
            + " to:%n%s", String.join("\n", actual))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void theInventoryFindsTypeUseAndCascadeAnnotations() {
    assertThat(inventory())
        .contains("Commitment.needSlots <0> @Valid()", "Commitment.itcStamp (type) @NotNull(message={jakarta.validation.constraints.NotNull.message})")
        .anyMatch(l -> l.startsWith("Commitment.recognitionWeights <1> @DecimalMax(inclusive=true"))
        .anyMatch(l -> l.startsWith("Commitment.needSlots @BoundedSum("));
  }

  static List<String> inventory() {
    TreeSet<String> lines = new TreeSet<>();
    List<Class<?>> types = new ArrayList<>(Checks.covered());
    types.sort(Comparator.comparing(Class::getName));
    for (Class<?> type : types) {
      String owner = type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
      for (Annotation a : type.getAnnotations()) {
        if (isConstraint(a)) {
          lines.add(owner + " (class) " + describe(a));
        }
      }
      if (!type.isRecord()) {
        continue;
      }
      for (RecordComponent rc : type.getRecordComponents()) {
        String at = owner + "." + rc.getName();
        for (Annotation a : rc.getAnnotations()) {
          if (isConstraint(a)) {
            lines.add(at + " " + describe(a));
          }
        }
        typeUse(lines, at, "", rc.getAnnotatedType());
      }
    }
    return List.copyOf(lines);
  }

  private static void typeUse(TreeSet<String> lines, String at, String where, AnnotatedType t) {
    for (Annotation a : t.getAnnotations()) {
      if (isConstraint(a)) {
        lines.add(at + (where.isEmpty() ? " (type)" : " " + where) + " " + describe(a));
      }
    }
    if (t instanceof AnnotatedParameterizedType p) {
      AnnotatedType[] args = p.getAnnotatedActualTypeArguments();
      for (int i = 0; i < args.length; i++) {
        typeUse(lines, at, where + "<" + i + ">", args[i]);
      }
    }
  }

  private static boolean isConstraint(Annotation a) {
    return a.annotationType() == Valid.class || a.annotationType().isAnnotationPresent(Constraint.class);
  }

  /** {@code @Name(member=value, ...)} with members sorted by name, groups and payload left out. */
  private static String describe(Annotation a) {
    StringBuilder b = new StringBuilder("@").append(a.annotationType().getSimpleName()).append('(');
    Method[] members = a.annotationType().getDeclaredMethods();
    Arrays.sort(members, Comparator.comparing(Method::getName));
    String sep = "";
    for (Method m : members) {
      if (m.getName().equals("groups") || m.getName().equals("payload")) {
        continue;
      }
      Object v;
      try {
        v = m.invoke(a);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      String text = v.getClass().isArray() ? Arrays.deepToString(new Object[] {v}) : String.valueOf(v);
      b.append(sep).append(m.getName()).append('=').append(text);
      sep = ", ";
    }
    return b.append(')').toString();
  }
}
