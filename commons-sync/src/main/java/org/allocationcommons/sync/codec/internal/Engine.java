package org.allocationcommons.sync.codec.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.allocationcommons.sync.codec.Violation;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * The Jakarta Validation engine (Hibernate Validator, no expression language) behind the codec:
 * used for types {@link Checks} does not cover, and by tests as the reference the compiled checks
 * must agree with. Built on first use only, since its bootstrap and per-type metadata dominate the
 * cold start of a codec.
 */
public final class Engine {

  private Engine() {}

  /**
   * Every constraint {@code value} breaks, as the engine reports them, unsorted.
   *
   * @param value the object to check
   * @return the violations, field paths in JSON names, values shown as {@link Shown#of} does
   */
  public static List<Violation> validate(Object value) {
    List<Violation> out = new ArrayList<>();
    for (ConstraintViolation<Object> v : ValidatorHolder.VALIDATOR.validate(value)) {
      Object invalid = v.getInvalidValue();
      // a rule over a whole list (e.g. its quantities' sum) shows the list's size, not its records
      String shown = invalid instanceof Collection<?> c ? Shown.entries(c.size()) : Shown.of(invalid);
      out.add(new Violation(field(v), shown, rule(v)));
    }
    return out;
  }

  /** The JSON path, without the engine's container-element markers. */
  private static String field(ConstraintViolation<?> v) {
    return v.getPropertyPath().toString()
        .replace(".<map value>", "")
        .replace(".<list element>", "")
        .replace(".<iterable element>", "")
        .replace(".<map key>", "");
  }

  /**
   * The rule in words. Without an expression language, the engine cannot render the conditional
   * default messages of {@code @DecimalMin}/{@code @DecimalMax}; those are written here.
   */
  private static String rule(ConstraintViolation<?> v) {
    String m = v.getMessage();
    if (!m.contains("${")) {
      return m;
    }
    var attrs = v.getConstraintDescriptor().getAttributes();
    Object bound = attrs.get("value");
    boolean inclusive = !Boolean.FALSE.equals(attrs.get("inclusive"));
    String type = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    return switch (type) {
      case "DecimalMax" -> "must be less than " + (inclusive ? "or equal to " : "") + bound;
      case "DecimalMin" -> "must be greater than " + (inclusive ? "or equal to " : "") + bound;
      default -> m.replaceAll("\\$\\{[^}]*}", "");
    };
  }

  /**
   * The one validator of every codec (its configuration does not depend on the limits). Configured
   * in code: no {@code META-INF/validation.xml} lookup, no expression language, and every property
   * traversable (there is no JPA here to ask).
   */
  private static final class ValidatorHolder {
    static final Validator VALIDATOR = build();

    private static Validator build() {
      ValidatorFactory vf =
          Validation.byProvider(HibernateValidator.class)
              .configure()
              .ignoreXmlConfiguration()
              .messageInterpolator(new ParameterMessageInterpolator())
              .traversableResolver(new AllTraversable())
              .propertyNodeNameProvider(new JsonNames())
              .buildValidatorFactory();
      return vf.getValidator();
    }
  }

  /** Every property is reachable and cascadable: what the default resolver says when JPA is absent. */
  private static final class AllTraversable implements TraversableResolver {
    @Override
    public boolean isReachable(Object bean, Path.Node node, Class<?> root, Path path, ElementType type) {
      return true;
    }

    @Override
    public boolean isCascadable(Object bean, Path.Node node, Class<?> root, Path path, ElementType type) {
      return true;
    }
  }

  /** Names validation paths by their JSON property names ({@code need_slots}, not needSlots). */
  private static final class JsonNames implements PropertyNodeNameProvider {
    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

    @Override
    public String getName(Property property) {
      if (!(property instanceof JavaBeanProperty bean)) {
        return property.getName();
      }
      Class<?> owner = bean.getDeclaringClass();
      String name = property.getName();
      return cache.computeIfAbsent(owner.getName() + "#" + name, k -> jsonName(owner, name));
    }

    private static String jsonName(Class<?> owner, String name) {
      try {
        JsonProperty p = owner.getDeclaredField(name).getAnnotation(JsonProperty.class);
        if (p != null && !p.value().isEmpty()) {
          return p.value();
        }
      } catch (NoSuchFieldException e) {
        // a getter without a field: keep the Java name
      }
      return name;
    }
  }
}
