package org.allocationcommons.core.model;

import java.util.Optional;

/**
 * What capacity slots and need slots have in common: the 35 fields of SPEC section 3. Matching
 * ({@code org.allocationcommons.core.matching}) is written once against this interface.
 */
public sealed interface Slot permits AvailabilitySlot, NeedSlot {

  /**
   * Non-blank identifier, unique within its owner's commitment.
   *
   * @return non-blank identifier, unique within its owner's commitment
   */
  String id();

  /**
   * Display name, possibly empty.
   *
   * @return display name, possibly empty
   */
  String name();

  /**
   * Finite quantity, at least 0.
   *
   * @return finite quantity, at least 0
   */
  double quantity();

  /**
   * Emoji shown next to the name ({@code emoji}).
   *
   * @return emoji shown next to the name ({@code emoji})
   */
  Optional<String> emoji();

  /**
   * Unit of the quantity (hours, meals, kg, ...) ({@code unit}).
   *
   * @return unit of the quantity (hours, meals, kg, ...) ({@code unit})
   */
  Optional<String> unit();

  /**
   * Free-text description ({@code description}).
   *
   * @return free-text description ({@code description})
   */
  Optional<String> description();

  /**
   * Kind of resource, checked by {@link FilterRule.ResourceType} ({@code resource_type}).
   *
   * @return kind of resource, checked by {@link FilterRule.ResourceType} ({@code resource_type})
   */
  Optional<String> resourceType();

  /**
   * Need type; a need and a capacity match only if equal when both present ({@code need_type_id}).
   *
   * @return need type; a need and a capacity match only if equal when both present ({@code
   *     need_type_id})
   */
  Optional<String> needTypeId();

  /**
   * Who may take part on the other side (bilateral filter) ({@code filter_rule}).
   *
   * @return who may take part on the other side (bilateral filter) ({@code filter_rule})
   */
  Optional<FilterRule> filterRule();

  /**
   * Whether the slot is hidden until a request is accepted ({@code hidden_until_request_accepted}).
   *
   * @return whether the slot is hidden until a request is accepted ({@code
   *     hidden_until_request_accepted})
   */
  Optional<Boolean> hiddenUntilRequestAccepted();

  /**
   * Hours of notice required ({@code advance_notice_hours}).
   *
   * @return hours of notice required ({@code advance_notice_hours})
   */
  Optional<Double> advanceNoticeHours();

  /**
   * How far ahead it can be booked, in hours ({@code booking_window_hours}).
   *
   * @return how far ahead it can be booked, in hours ({@code booking_window_hours})
   */
  Optional<Double> bookingWindowHours();

  /**
   * Whether the slot covers whole days ({@code all_day}).
   *
   * @return whether the slot covers whole days ({@code all_day})
   */
  Optional<Boolean> allDay();

  /**
   * Recurrence (daily, weekly, ...) ({@code recurrence}).
   *
   * @return recurrence (daily, weekly, ...) ({@code recurrence})
   */
  Optional<String> recurrence();

  /**
   * Custom recurrence: repeat every n units ({@code custom_recurrence_repeat_every}).
   *
   * @return custom recurrence: repeat every n units ({@code custom_recurrence_repeat_every})
   */
  Optional<Integer> customRecurrenceRepeatEvery();

  /**
   * Custom recurrence: unit ({@code custom_recurrence_repeat_unit}).
   *
   * @return custom recurrence: unit ({@code custom_recurrence_repeat_unit})
   */
  Optional<String> customRecurrenceRepeatUnit();

  /**
   * Custom recurrence: how it ends ({@code custom_recurrence_end_type}).
   *
   * @return custom recurrence: how it ends ({@code custom_recurrence_end_type})
   */
  Optional<String> customRecurrenceEndType();

  /**
   * Custom recurrence: end date or count ({@code custom_recurrence_end_value}).
   *
   * @return custom recurrence: end date or count ({@code custom_recurrence_end_value})
   */
  Optional<String> customRecurrenceEndValue();

  /**
   * First day (ISO date or date-time); missing means since ever ({@code start_date}).
   *
   * @return first day (ISO date or date-time); missing means since ever ({@code start_date})
   */
  Optional<String> startDate();

  /**
   * Start time of day ({@code start_time}).
   *
   * @return start time of day ({@code start_time})
   */
  Optional<String> startTime();

  /**
   * Last day (ISO date or date-time); missing means forever ({@code end_date}).
   *
   * @return last day (ISO date or date-time); missing means forever ({@code end_date})
   */
  Optional<String> endDate();

  /**
   * End time of day ({@code end_time}).
   *
   * @return end time of day ({@code end_time})
   */
  Optional<String> endTime();

  /**
   * IANA time zone ({@code time_zone}).
   *
   * @return IANA time zone ({@code time_zone})
   */
  Optional<String> timeZone();

  /**
   * Location type; containing "online" or "remote" makes the slot remote ({@code location_type}).
   *
   * @return location type; containing "online" or "remote" makes the slot remote ({@code
   *     location_type})
   */
  Optional<String> locationType();

  /**
   * Longitude in degrees, [-180, 180] ({@code longitude}).
   *
   * @return longitude in degrees, [-180, 180] ({@code longitude})
   */
  Optional<Double> longitude();

  /**
   * Latitude in degrees, [-90, 90] ({@code latitude}).
   *
   * @return latitude in degrees, [-90, 90] ({@code latitude})
   */
  Optional<Double> latitude();

  /**
   * Street address ({@code street_address}).
   *
   * @return street address ({@code street_address})
   */
  Optional<String> streetAddress();

  /**
   * City (compared case-insensitively) ({@code city}).
   *
   * @return city (compared case-insensitively) ({@code city})
   */
  Optional<String> city();

  /**
   * State or province ({@code state_province}).
   *
   * @return state or province ({@code state_province})
   */
  Optional<String> stateProvince();

  /**
   * Postal code ({@code postal_code}).
   *
   * @return postal code ({@code postal_code})
   */
  Optional<String> postalCode();

  /**
   * Country (compared case-insensitively) ({@code country}).
   *
   * @return country (compared case-insensitively) ({@code country})
   */
  Optional<String> country();

  /**
   * Online link; its presence makes the slot remote ({@code online_link}).
   *
   * @return online link; its presence makes the slot remote ({@code online_link})
   */
  Optional<String> onlineLink();

  /**
   * Id of the slot this one was derived from ({@code parent_slot_id}).
   *
   * @return id of the slot this one was derived from ({@code parent_slot_id})
   */
  Optional<String> parentSlotId();

  /**
   * Whether both sides must agree explicitly ({@code mutual_agreement_required}).
   *
   * @return whether both sides must agree explicitly ({@code mutual_agreement_required})
   */
  Optional<Boolean> mutualAgreementRequired();

  /**
   * Instance-specific priority ({@code priority}).
   *
   * @return instance-specific priority ({@code priority})
   */
  Optional<Double> priority();
}
