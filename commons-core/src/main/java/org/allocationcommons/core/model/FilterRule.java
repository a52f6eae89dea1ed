package org.allocationcommons.core.model;

import static org.allocationcommons.core.validation.Messages.MAX;
import static org.allocationcommons.core.validation.Messages.MIN;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.allocationcommons.core.validation.Finite;

/**
 * A slot's bilateral filter ({@code filter_rule}): which counterparts may take part. A capacity
 * slot's rule is applied to each recipient, a need slot's rule to the provider. JSON form is
 * {@code {"type": "trust", ...}}; unknown types, and {@code custom} (code in data, never executed),
 * become {@link Unknown}, which passes optimistically and is reported. Evaluation lives in
 * {@code org.allocationcommons.core.matching.Filters}.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true,
    defaultImpl = FilterRule.Unknown.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = FilterRule.Trust.class, name = "trust"),
  @JsonSubTypes.Type(value = FilterRule.Location.class, name = "location"),
  @JsonSubTypes.Type(value = FilterRule.Attribute.class, name = "attribute"),
  @JsonSubTypes.Type(value = FilterRule.Certification.class, name = "certification"),
  @JsonSubTypes.Type(value = FilterRule.ResourceType.class, name = "resource_type"),
  @JsonSubTypes.Type(value = FilterRule.AllowAll.class, name = "allow_all"),
  @JsonSubTypes.Type(value = FilterRule.DenyAll.class, name = "deny_all")
})
public sealed interface FilterRule {

  /**
   * The JSON {@code type} discriminator.
   *
   * @return the discriminator, e.g. {@code trust} or {@code location}
   */
  @JsonProperty("type")
  String type();

  /**
   * Trust: the counterpart's mutual recognition with the slot owner must be at least {@code
   * min_mutual_recognition} (when given), and positive when {@code only_mutual}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record Trust(
      @JsonProperty("min_mutual_recognition")
          Optional<@Finite @DecimalMin(value = "0", message = MIN) @DecimalMax(value = "1", message = MAX) Double> minMutualRecognition,
      @JsonProperty("only_mutual") boolean onlyMutual)
      implements FilterRule {

    /**
     * Absent minimum becomes {@link Optional#empty()}.
     *
     * @param minMutualRecognition the lowest MR allowed, if any
     * @param onlyMutual whether MR must be positive
     */
    public Trust {
      minMutualRecognition = minMutualRecognition == null ? Optional.empty() : minMutualRecognition;
    }

    /**
     * Only counterparts with MR &gt;= {@code min}.
     *
     * @param min the lowest MR allowed
     * @return the rule
     */
    public static Trust minimum(double min) {
      return new Trust(Optional.of(min), false);
    }

    /**
     * Only counterparts with MR &gt; 0.
     *
     * @return the rule
     */
    public static Trust onlyMutualRecognition() {
      return new Trust(Optional.empty(), true);
    }

    @Override
    public String type() {
      return "trust";
    }
  }

  /**
   * Location: the counterpart's slot city and country must be in the allowed lists (when non-empty,
   * case-insensitive) and, when {@code max_distance_km} is given and both slots have coordinates,
   * within that distance of the owner's slot.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record Location(
      @JsonProperty("allowed_cities") List<@NotNull String> allowedCities,
      @JsonProperty("allowed_countries") List<@NotNull String> allowedCountries,
      @JsonProperty("max_distance_km") Optional<@Finite @PositiveOrZero Double> maxDistanceKm)
      implements FilterRule {

    /**
     * Null lists become empty; absent distance becomes {@link Optional#empty()}.
     *
     * @param allowedCities cities the counterpart may be in (empty: any)
     * @param allowedCountries countries the counterpart may be in (empty: any)
     * @param maxDistanceKm the largest distance allowed, if any
     */
    public Location {
      allowedCities = Copies.list(allowedCities, "allowed_cities");
      allowedCountries = Copies.list(allowedCountries, "allowed_countries");
      maxDistanceKm = maxDistanceKm == null ? Optional.empty() : maxDistanceKm;
    }

    /**
     * Only counterparts in one of these cities.
     *
     * @param cities the allowed cities
     * @return the rule
     */
    public static Location cities(String... cities) {
      return new Location(List.of(cities), List.of(), Optional.empty());
    }

    /**
     * Only counterparts in one of these countries.
     *
     * @param countries the allowed countries
     * @return the rule
     */
    public static Location countries(String... countries) {
      return new Location(List.of(), List.of(countries), Optional.empty());
    }

    /**
     * Only counterparts within this many kilometres (when both sides have coordinates).
     *
     * @param km the largest distance allowed
     * @return the rule
     */
    public static Location within(double km) {
      return new Location(List.of(), List.of(), Optional.of(km));
    }

    @Override
    public String type() {
      return "location";
    }
  }

  /** Attribute: the counterpart must have every required attribute and none of the forbidden. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Attribute(
      @JsonProperty("required") List<@NotNull String> required,
      @JsonProperty("forbidden") List<@NotNull String> forbidden)
      implements FilterRule {

    /**
     * Null lists become empty.
     *
     * @param required attributes the subject must all have
     * @param forbidden attributes the subject must not have
     */
    public Attribute {
      required = Copies.list(required, "required");
      forbidden = Copies.list(forbidden, "forbidden");
    }

    @Override
    public String type() {
      return "attribute";
    }
  }

  /**
   * Certification: the counterpart must hold every required certification, each at least at {@code
   * min_level} when given.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record Certification(
      @JsonProperty("required") List<@NotNull String> required,
      @JsonProperty("min_level") Optional<@Finite Double> minLevel)
      implements FilterRule {

    /**
     * Null list becomes empty; absent level becomes {@link Optional#empty()}.
     *
     * @param required certifications the subject must all have
     * @param minLevel the lowest level each must have, if any
     */
    public Certification {
      required = Copies.list(required, "required");
      minLevel = minLevel == null ? Optional.empty() : minLevel;
    }

    @Override
    public String type() {
      return "certification";
    }
  }

  /**
   * Resource type: the counterpart slot's {@code resource_type} must be in {@code allowed_types}
   * (when non-empty) and not in {@code forbidden_types}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ResourceType(
      @JsonProperty("allowed_types") List<@NotNull String> allowedTypes,
      @JsonProperty("forbidden_types") List<@NotNull String> forbiddenTypes)
      implements FilterRule {

    /**
     * Null lists become empty.
     *
     * @param allowedTypes resource types allowed (empty: any)
     * @param forbiddenTypes resource types refused
     */
    public ResourceType {
      allowedTypes = Copies.list(allowedTypes, "allowed_types");
      forbiddenTypes = Copies.list(forbiddenTypes, "forbidden_types");
    }

    @Override
    public String type() {
      return "resource_type";
    }
  }

  /** Everybody passes. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record AllowAll() implements FilterRule {
    @Override
    public String type() {
      return "allow_all";
    }
  }

  /** Nobody passes. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record DenyAll() implements FilterRule {
    @Override
    public String type() {
      return "deny_all";
    }
  }

  /**
   * A rule this version does not know, kept verbatim so it round-trips. It passes (optimistic, as in
   * the original) and the matcher reports it. {@code custom} rules (code in data) land here too and
   * are never executed.
   */
  record Unknown(
      @JsonProperty("type") String type,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> raw)
      implements FilterRule {

    /**
     * Requires the type; null raw fields become empty.
     *
     * @param type the unrecognised {@code type} value
     * @param raw the rule's other JSON fields, kept as read
     */
    public Unknown {
      Objects.requireNonNull(type, "filter_rule.type is required");
      raw = raw == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw));
    }

    /**
     * Whether this is a {@code custom} rule, i.e. code carried in data (never run).
     *
     * @return true for {@code type: custom}
     */
    @JsonIgnore
    public boolean isCustomCode() {
      return "custom".equals(type);
    }
  }
}
