package org.allocationcommons.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Objects;
import java.util.Optional;
import static org.allocationcommons.core.validation.Messages.MAX;
import static org.allocationcommons.core.validation.Messages.MIN;

import org.allocationcommons.core.validation.Finite;

/**
 * A capacity slot: a quantity of something a provider can give, at a time and a place.
 *
 * <p>Generated from one field table together with the other slot type, so both always carry the
 * same 35 fields (SPEC section 3). Optional fields are {@link Optional} components, never null;
 * JSON names are snake_case as in the original. Build one with {@link #builder(String)} or
 * {@link #of(String, String, double)}; change one with {@link #toBuilder()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record AvailabilitySlot(
    @JsonProperty("id") @NotBlank String id,
    @JsonProperty("name") @NotNull String name,
    @JsonProperty("quantity") @Finite @PositiveOrZero @DecimalMax(value = Limits.MAX_QUANTITY_TEXT, message = MAX) double quantity,
    @JsonProperty("emoji") Optional<String> emoji,
    @JsonProperty("unit") Optional<String> unit,
    @JsonProperty("description") Optional<String> description,
    @JsonProperty("resource_type") Optional<String> resourceType,
    @JsonProperty("need_type_id") Optional<String> needTypeId,
    @JsonProperty("filter_rule") Optional<@Valid FilterRule> filterRule,
    @JsonProperty("hidden_until_request_accepted") Optional<Boolean> hiddenUntilRequestAccepted,
    @JsonProperty("advance_notice_hours") Optional<@Finite @PositiveOrZero Double> advanceNoticeHours,
    @JsonProperty("booking_window_hours") Optional<@Finite @PositiveOrZero Double> bookingWindowHours,
    @JsonProperty("all_day") Optional<Boolean> allDay,
    @JsonProperty("recurrence") Optional<String> recurrence,
    @JsonProperty("custom_recurrence_repeat_every") Optional<@Positive Integer> customRecurrenceRepeatEvery,
    @JsonProperty("custom_recurrence_repeat_unit") Optional<String> customRecurrenceRepeatUnit,
    @JsonProperty("custom_recurrence_end_type") Optional<String> customRecurrenceEndType,
    @JsonProperty("custom_recurrence_end_value") Optional<String> customRecurrenceEndValue,
    @JsonProperty("start_date") Optional<String> startDate,
    @JsonProperty("start_time") Optional<String> startTime,
    @JsonProperty("end_date") Optional<String> endDate,
    @JsonProperty("end_time") Optional<String> endTime,
    @JsonProperty("time_zone") Optional<String> timeZone,
    @JsonProperty("location_type") Optional<String> locationType,
    @JsonProperty("longitude") Optional<@Finite @DecimalMin(value = "-180", message = MIN) @DecimalMax(value = "180", message = MAX) Double> longitude,
    @JsonProperty("latitude") Optional<@Finite @DecimalMin(value = "-90", message = MIN) @DecimalMax(value = "90", message = MAX) Double> latitude,
    @JsonProperty("street_address") Optional<String> streetAddress,
    @JsonProperty("city") Optional<String> city,
    @JsonProperty("state_province") Optional<String> stateProvince,
    @JsonProperty("postal_code") Optional<String> postalCode,
    @JsonProperty("country") Optional<String> country,
    @JsonProperty("online_link") Optional<String> onlineLink,
    @JsonProperty("parent_slot_id") Optional<String> parentSlotId,
    @JsonProperty("mutual_agreement_required") Optional<Boolean> mutualAgreementRequired,
    @JsonProperty("priority") Optional<@Finite Double> priority) implements Slot {

  /**
   * Normalises absent optionals to {@link Optional#empty()}; id and name are required.
   *
   * @param id non-blank identifier, unique within its owner's commitment
   * @param name display name, possibly empty
   * @param quantity finite quantity, at least 0
   * @param emoji emoji shown next to the name ({@code emoji})
   * @param unit unit of the quantity (hours, meals, kg, ...) ({@code unit})
   * @param description free-text description ({@code description})
   * @param resourceType kind of resource, checked by {@link FilterRule.ResourceType} ({@code
   *     resource_type})
   * @param needTypeId need type; a need and a capacity match only if equal when both present
   *     ({@code need_type_id})
   * @param filterRule who may take part on the other side (bilateral filter) ({@code filter_rule})
   * @param hiddenUntilRequestAccepted whether the slot is hidden until a request is accepted
   *     ({@code hidden_until_request_accepted})
   * @param advanceNoticeHours hours of notice required ({@code advance_notice_hours})
   * @param bookingWindowHours how far ahead it can be booked, in hours ({@code
   *     booking_window_hours})
   * @param allDay whether the slot covers whole days ({@code all_day})
   * @param recurrence recurrence (daily, weekly, ...) ({@code recurrence})
   * @param customRecurrenceRepeatEvery custom recurrence: repeat every n units ({@code
   *     custom_recurrence_repeat_every})
   * @param customRecurrenceRepeatUnit custom recurrence: unit ({@code
   *     custom_recurrence_repeat_unit})
   * @param customRecurrenceEndType custom recurrence: how it ends ({@code
   *     custom_recurrence_end_type})
   * @param customRecurrenceEndValue custom recurrence: end date or count ({@code
   *     custom_recurrence_end_value})
   * @param startDate first day (ISO date or date-time); missing means since ever ({@code
   *     start_date})
   * @param startTime start time of day ({@code start_time})
   * @param endDate last day (ISO date or date-time); missing means forever ({@code end_date})
   * @param endTime end time of day ({@code end_time})
   * @param timeZone IANA time zone ({@code time_zone})
   * @param locationType location type; containing "online" or "remote" makes the slot remote
   *     ({@code location_type})
   * @param longitude longitude in degrees, [-180, 180] ({@code longitude})
   * @param latitude latitude in degrees, [-90, 90] ({@code latitude})
   * @param streetAddress street address ({@code street_address})
   * @param city city (compared case-insensitively) ({@code city})
   * @param stateProvince state or province ({@code state_province})
   * @param postalCode postal code ({@code postal_code})
   * @param country country (compared case-insensitively) ({@code country})
   * @param onlineLink online link; its presence makes the slot remote ({@code online_link})
   * @param parentSlotId id of the slot this one was derived from ({@code parent_slot_id})
   * @param mutualAgreementRequired whether both sides must agree explicitly ({@code
   *     mutual_agreement_required})
   * @param priority instance-specific priority ({@code priority})
   */
  public AvailabilitySlot {
    Objects.requireNonNull(id, "id is required");
    Objects.requireNonNull(name, "name is required (may be empty)");
    emoji = emoji == null ? Optional.empty() : emoji;
    unit = unit == null ? Optional.empty() : unit;
    description = description == null ? Optional.empty() : description;
    resourceType = resourceType == null ? Optional.empty() : resourceType;
    needTypeId = needTypeId == null ? Optional.empty() : needTypeId;
    filterRule = filterRule == null ? Optional.empty() : filterRule;
    hiddenUntilRequestAccepted = hiddenUntilRequestAccepted == null ? Optional.empty() : hiddenUntilRequestAccepted;
    advanceNoticeHours = advanceNoticeHours == null ? Optional.empty() : advanceNoticeHours;
    bookingWindowHours = bookingWindowHours == null ? Optional.empty() : bookingWindowHours;
    allDay = allDay == null ? Optional.empty() : allDay;
    recurrence = recurrence == null ? Optional.empty() : recurrence;
    customRecurrenceRepeatEvery = customRecurrenceRepeatEvery == null ? Optional.empty() : customRecurrenceRepeatEvery;
    customRecurrenceRepeatUnit = customRecurrenceRepeatUnit == null ? Optional.empty() : customRecurrenceRepeatUnit;
    customRecurrenceEndType = customRecurrenceEndType == null ? Optional.empty() : customRecurrenceEndType;
    customRecurrenceEndValue = customRecurrenceEndValue == null ? Optional.empty() : customRecurrenceEndValue;
    startDate = startDate == null ? Optional.empty() : startDate;
    startTime = startTime == null ? Optional.empty() : startTime;
    endDate = endDate == null ? Optional.empty() : endDate;
    endTime = endTime == null ? Optional.empty() : endTime;
    timeZone = timeZone == null ? Optional.empty() : timeZone;
    locationType = locationType == null ? Optional.empty() : locationType;
    longitude = longitude == null ? Optional.empty() : longitude;
    latitude = latitude == null ? Optional.empty() : latitude;
    streetAddress = streetAddress == null ? Optional.empty() : streetAddress;
    city = city == null ? Optional.empty() : city;
    stateProvince = stateProvince == null ? Optional.empty() : stateProvince;
    postalCode = postalCode == null ? Optional.empty() : postalCode;
    country = country == null ? Optional.empty() : country;
    onlineLink = onlineLink == null ? Optional.empty() : onlineLink;
    parentSlotId = parentSlotId == null ? Optional.empty() : parentSlotId;
    mutualAgreementRequired = mutualAgreementRequired == null ? Optional.empty() : mutualAgreementRequired;
    priority = priority == null ? Optional.empty() : priority;
  }

  /**
   * A capacity slot with just an id, a name and a quantity; every optional field absent.
   *
   * @param id non-blank identifier, unique within its owner's commitment
   * @param name display name, possibly empty
   * @param quantity finite quantity, at least 0
   * @return the slot
   */
  public static AvailabilitySlot of(String id, String name, double quantity) {
    return builder(id).name(name).quantity(quantity).build();
  }

  /**
   * A builder for a capacity slot with this id, empty name, quantity 0 and no optional field.
   *
   * @param id non-blank identifier, unique within its owner's commitment
   * @return a builder with every other field at its default
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * A builder initialised with every field of this slot.
   *
   * @return a builder holding this slot's fields
   */
  public Builder toBuilder() {
    Builder b = new Builder(id).name(name).quantity(quantity);
    b.emoji = emoji.orElse(null);
    b.unit = unit.orElse(null);
    b.description = description.orElse(null);
    b.resourceType = resourceType.orElse(null);
    b.needTypeId = needTypeId.orElse(null);
    b.filterRule = filterRule.orElse(null);
    b.hiddenUntilRequestAccepted = hiddenUntilRequestAccepted.orElse(null);
    b.advanceNoticeHours = advanceNoticeHours.orElse(null);
    b.bookingWindowHours = bookingWindowHours.orElse(null);
    b.allDay = allDay.orElse(null);
    b.recurrence = recurrence.orElse(null);
    b.customRecurrenceRepeatEvery = customRecurrenceRepeatEvery.orElse(null);
    b.customRecurrenceRepeatUnit = customRecurrenceRepeatUnit.orElse(null);
    b.customRecurrenceEndType = customRecurrenceEndType.orElse(null);
    b.customRecurrenceEndValue = customRecurrenceEndValue.orElse(null);
    b.startDate = startDate.orElse(null);
    b.startTime = startTime.orElse(null);
    b.endDate = endDate.orElse(null);
    b.endTime = endTime.orElse(null);
    b.timeZone = timeZone.orElse(null);
    b.locationType = locationType.orElse(null);
    b.longitude = longitude.orElse(null);
    b.latitude = latitude.orElse(null);
    b.streetAddress = streetAddress.orElse(null);
    b.city = city.orElse(null);
    b.stateProvince = stateProvince.orElse(null);
    b.postalCode = postalCode.orElse(null);
    b.country = country.orElse(null);
    b.onlineLink = onlineLink.orElse(null);
    b.parentSlotId = parentSlotId.orElse(null);
    b.mutualAgreementRequired = mutualAgreementRequired.orElse(null);
    b.priority = priority.orElse(null);
    return b;
  }

  /** Fluent, mutable builder of {@link AvailabilitySlot}; {@code null} clears an optional field. */
  public static final class Builder {
    private String id;
    private String name = "";
    private double quantity;
    private String emoji;
    private String unit;
    private String description;
    private String resourceType;
    private String needTypeId;
    private FilterRule filterRule;
    private Boolean hiddenUntilRequestAccepted;
    private Double advanceNoticeHours;
    private Double bookingWindowHours;
    private Boolean allDay;
    private String recurrence;
    private Integer customRecurrenceRepeatEvery;
    private String customRecurrenceRepeatUnit;
    private String customRecurrenceEndType;
    private String customRecurrenceEndValue;
    private String startDate;
    private String startTime;
    private String endDate;
    private String endTime;
    private String timeZone;
    private String locationType;
    private Double longitude;
    private Double latitude;
    private String streetAddress;
    private String city;
    private String stateProvince;
    private String postalCode;
    private String country;
    private String onlineLink;
    private String parentSlotId;
    private Boolean mutualAgreementRequired;
    private Double priority;

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Sets the id.
     *
     * @param id non-blank identifier, unique within its owner's commitment
     * @return this builder
     */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Sets the display name.
     *
     * @param name display name, possibly empty
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the quantity (finite, at least 0).
     *
     * @param quantity finite quantity, at least 0
     * @return this builder
     */
    public Builder quantity(double quantity) {
      this.quantity = quantity;
      return this;
    }

    /**
     * Sets emoji shown next to the name ({@code emoji}).
     *
     * @param emoji emoji shown next to the name ({@code emoji})
     * @return this builder
     */
    public Builder emoji(String emoji) {
      this.emoji = emoji;
      return this;
    }

    /**
     * Sets unit of the quantity (hours, meals, kg, ...) ({@code unit}).
     *
     * @param unit unit of the quantity (hours, meals, kg, ...) ({@code unit})
     * @return this builder
     */
    public Builder unit(String unit) {
      this.unit = unit;
      return this;
    }

    /**
     * Sets free-text description ({@code description}).
     *
     * @param description free-text description ({@code description})
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets kind of resource, checked by {@link FilterRule.ResourceType} ({@code resource_type}).
     *
     * @param resourceType kind of resource, checked by {@link FilterRule.ResourceType} ({@code
     *     resource_type})
     * @return this builder
     */
    public Builder resourceType(String resourceType) {
      this.resourceType = resourceType;
      return this;
    }

    /**
     * Sets need type; a need and a capacity match only if equal when both present ({@code need_type_id}).
     *
     * @param needTypeId need type; a need and a capacity match only if equal when both present
     *     ({@code need_type_id})
     * @return this builder
     */
    public Builder needTypeId(String needTypeId) {
      this.needTypeId = needTypeId;
      return this;
    }

    /**
     * Sets who may take part on the other side (bilateral filter) ({@code filter_rule}).
     *
     * @param filterRule who may take part on the other side (bilateral filter) ({@code
     *     filter_rule})
     * @return this builder
     */
    public Builder filterRule(FilterRule filterRule) {
      this.filterRule = filterRule;
      return this;
    }

    /**
     * Sets whether the slot is hidden until a request is accepted ({@code hidden_until_request_accepted}).
     *
     * @param hiddenUntilRequestAccepted whether the slot is hidden until a request is accepted
     *     ({@code hidden_until_request_accepted})
     * @return this builder
     */
    public Builder hiddenUntilRequestAccepted(Boolean hiddenUntilRequestAccepted) {
      this.hiddenUntilRequestAccepted = hiddenUntilRequestAccepted;
      return this;
    }

    /**
     * Sets hours of notice required ({@code advance_notice_hours}).
     *
     * @param advanceNoticeHours hours of notice required ({@code advance_notice_hours})
     * @return this builder
     */
    public Builder advanceNoticeHours(Double advanceNoticeHours) {
      this.advanceNoticeHours = advanceNoticeHours;
      return this;
    }

    /**
     * Sets how far ahead it can be booked, in hours ({@code booking_window_hours}).
     *
     * @param bookingWindowHours how far ahead it can be booked, in hours ({@code
     *     booking_window_hours})
     * @return this builder
     */
    public Builder bookingWindowHours(Double bookingWindowHours) {
      this.bookingWindowHours = bookingWindowHours;
      return this;
    }

    /**
     * Sets whether the slot covers whole days ({@code all_day}).
     *
     * @param allDay whether the slot covers whole days ({@code all_day})
     * @return this builder
     */
    public Builder allDay(Boolean allDay) {
      this.allDay = allDay;
      return this;
    }

    /**
     * Sets recurrence (daily, weekly, ...) ({@code recurrence}).
     *
     * @param recurrence recurrence (daily, weekly, ...) ({@code recurrence})
     * @return this builder
     */
    public Builder recurrence(String recurrence) {
      this.recurrence = recurrence;
      return this;
    }

    /**
     * Sets custom recurrence: repeat every n units ({@code custom_recurrence_repeat_every}).
     *
     * @param customRecurrenceRepeatEvery custom recurrence: repeat every n units ({@code
     *     custom_recurrence_repeat_every})
     * @return this builder
     */
    public Builder customRecurrenceRepeatEvery(Integer customRecurrenceRepeatEvery) {
      this.customRecurrenceRepeatEvery = customRecurrenceRepeatEvery;
      return this;
    }

    /**
     * Sets custom recurrence: unit ({@code custom_recurrence_repeat_unit}).
     *
     * @param customRecurrenceRepeatUnit custom recurrence: unit ({@code
     *     custom_recurrence_repeat_unit})
     * @return this builder
     */
    public Builder customRecurrenceRepeatUnit(String customRecurrenceRepeatUnit) {
      this.customRecurrenceRepeatUnit = customRecurrenceRepeatUnit;
      return this;
    }

    /**
     * Sets custom recurrence: how it ends ({@code custom_recurrence_end_type}).
     *
     * @param customRecurrenceEndType custom recurrence: how it ends ({@code
     *     custom_recurrence_end_type})
     * @return this builder
     */
    public Builder customRecurrenceEndType(String customRecurrenceEndType) {
      this.customRecurrenceEndType = customRecurrenceEndType;
      return this;
    }

    /**
     * Sets custom recurrence: end date or count ({@code custom_recurrence_end_value}).
     *
     * @param customRecurrenceEndValue custom recurrence: end date or count ({@code
     *     custom_recurrence_end_value})
     * @return this builder
     */
    public Builder customRecurrenceEndValue(String customRecurrenceEndValue) {
      this.customRecurrenceEndValue = customRecurrenceEndValue;
      return this;
    }

    /**
     * Sets first day (ISO date or date-time); missing means since ever ({@code start_date}).
     *
     * @param startDate first day (ISO date or date-time); missing means since ever ({@code
     *     start_date})
     * @return this builder
     */
    public Builder startDate(String startDate) {
      this.startDate = startDate;
      return this;
    }

    /**
     * Sets start time of day ({@code start_time}).
     *
     * @param startTime start time of day ({@code start_time})
     * @return this builder
     */
    public Builder startTime(String startTime) {
      this.startTime = startTime;
      return this;
    }

    /**
     * Sets last day (ISO date or date-time); missing means forever ({@code end_date}).
     *
     * @param endDate last day (ISO date or date-time); missing means forever ({@code end_date})
     * @return this builder
     */
    public Builder endDate(String endDate) {
      this.endDate = endDate;
      return this;
    }

    /**
     * Sets end time of day ({@code end_time}).
     *
     * @param endTime end time of day ({@code end_time})
     * @return this builder
     */
    public Builder endTime(String endTime) {
      this.endTime = endTime;
      return this;
    }

    /**
     * Sets IANA time zone ({@code time_zone}).
     *
     * @param timeZone IANA time zone ({@code time_zone})
     * @return this builder
     */
    public Builder timeZone(String timeZone) {
      this.timeZone = timeZone;
      return this;
    }

    /**
     * Sets location type; containing "online" or "remote" makes the slot remote ({@code location_type}).
     *
     * @param locationType location type; containing "online" or "remote" makes the slot remote
     *     ({@code location_type})
     * @return this builder
     */
    public Builder locationType(String locationType) {
      this.locationType = locationType;
      return this;
    }

    /**
     * Sets longitude in degrees, [-180, 180] ({@code longitude}).
     *
     * @param longitude longitude in degrees, [-180, 180] ({@code longitude})
     * @return this builder
     */
    public Builder longitude(Double longitude) {
      this.longitude = longitude;
      return this;
    }

    /**
     * Sets latitude in degrees, [-90, 90] ({@code latitude}).
     *
     * @param latitude latitude in degrees, [-90, 90] ({@code latitude})
     * @return this builder
     */
    public Builder latitude(Double latitude) {
      this.latitude = latitude;
      return this;
    }

    /**
     * Sets street address ({@code street_address}).
     *
     * @param streetAddress street address ({@code street_address})
     * @return this builder
     */
    public Builder streetAddress(String streetAddress) {
      this.streetAddress = streetAddress;
      return this;
    }

    /**
     * Sets city (compared case-insensitively) ({@code city}).
     *
     * @param city city (compared case-insensitively) ({@code city})
     * @return this builder
     */
    public Builder city(String city) {
      this.city = city;
      return this;
    }

    /**
     * Sets state or province ({@code state_province}).
     *
     * @param stateProvince state or province ({@code state_province})
     * @return this builder
     */
    public Builder stateProvince(String stateProvince) {
      this.stateProvince = stateProvince;
      return this;
    }

    /**
     * Sets postal code ({@code postal_code}).
     *
     * @param postalCode postal code ({@code postal_code})
     * @return this builder
     */
    public Builder postalCode(String postalCode) {
      this.postalCode = postalCode;
      return this;
    }

    /**
     * Sets country (compared case-insensitively) ({@code country}).
     *
     * @param country country (compared case-insensitively) ({@code country})
     * @return this builder
     */
    public Builder country(String country) {
      this.country = country;
      return this;
    }

    /**
     * Sets online link; its presence makes the slot remote ({@code online_link}).
     *
     * @param onlineLink online link; its presence makes the slot remote ({@code online_link})
     * @return this builder
     */
    public Builder onlineLink(String onlineLink) {
      this.onlineLink = onlineLink;
      return this;
    }

    /**
     * Sets id of the slot this one was derived from ({@code parent_slot_id}).
     *
     * @param parentSlotId id of the slot this one was derived from ({@code parent_slot_id})
     * @return this builder
     */
    public Builder parentSlotId(String parentSlotId) {
      this.parentSlotId = parentSlotId;
      return this;
    }

    /**
     * Sets whether both sides must agree explicitly ({@code mutual_agreement_required}).
     *
     * @param mutualAgreementRequired whether both sides must agree explicitly ({@code
     *     mutual_agreement_required})
     * @return this builder
     */
    public Builder mutualAgreementRequired(Boolean mutualAgreementRequired) {
      this.mutualAgreementRequired = mutualAgreementRequired;
      return this;
    }

    /**
     * Sets instance-specific priority ({@code priority}).
     *
     * @param priority instance-specific priority ({@code priority})
     * @return this builder
     */
    public Builder priority(Double priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Convenience: latitude and longitude together.
     *
     * @param latitude latitude in degrees, [-90, 90]
     * @param longitude longitude in degrees, [-180, 180]
     * @return this builder
     */
    public Builder coordinates(double latitude, double longitude) {
      this.latitude = latitude;
      this.longitude = longitude;
      return this;
    }

    /**
     * Convenience: start and end date together (either may be null).
     *
     * @param startDate first day (ISO date or date-time), or null for since ever
     * @param endDate last day (ISO date or date-time), or null for forever
     * @return this builder
     */
    public Builder dates(String startDate, String endDate) {
      this.startDate = startDate;
      this.endDate = endDate;
      return this;
    }

    /**
     * The immutable slot.
     *
     * @return the slot with the fields set so far
     */
    public AvailabilitySlot build() {
      return new AvailabilitySlot(
          id,
          name,
          quantity,
          Optional.ofNullable(emoji),
          Optional.ofNullable(unit),
          Optional.ofNullable(description),
          Optional.ofNullable(resourceType),
          Optional.ofNullable(needTypeId),
          Optional.ofNullable(filterRule),
          Optional.ofNullable(hiddenUntilRequestAccepted),
          Optional.ofNullable(advanceNoticeHours),
          Optional.ofNullable(bookingWindowHours),
          Optional.ofNullable(allDay),
          Optional.ofNullable(recurrence),
          Optional.ofNullable(customRecurrenceRepeatEvery),
          Optional.ofNullable(customRecurrenceRepeatUnit),
          Optional.ofNullable(customRecurrenceEndType),
          Optional.ofNullable(customRecurrenceEndValue),
          Optional.ofNullable(startDate),
          Optional.ofNullable(startTime),
          Optional.ofNullable(endDate),
          Optional.ofNullable(endTime),
          Optional.ofNullable(timeZone),
          Optional.ofNullable(locationType),
          Optional.ofNullable(longitude),
          Optional.ofNullable(latitude),
          Optional.ofNullable(streetAddress),
          Optional.ofNullable(city),
          Optional.ofNullable(stateProvince),
          Optional.ofNullable(postalCode),
          Optional.ofNullable(country),
          Optional.ofNullable(onlineLink),
          Optional.ofNullable(parentSlotId),
          Optional.ofNullable(mutualAgreementRequired),
          Optional.ofNullable(priority));
    }
  }
}
