# Regenerate the slot records: python3 commons-core/src/build/generate_slots.py
# Generates the two slot records from one field table so they cannot drift apart.
FIELDS = [
 # json, java, type, kind, constraints(on element), doc
 ("emoji","emoji","String","s","","emoji shown next to the name"),
 ("unit","unit","String","s","","unit of the quantity (hours, meals, kg, ...)"),
 ("description","description","String","s","","free-text description"),
 ("resource_type","resourceType","String","s","","kind of resource, checked by {@link FilterRule.ResourceType}"),
 ("need_type_id","needTypeId","String","s","","need type; a need and a capacity match only if equal when both present"),
 ("filter_rule","filterRule","FilterRule","o","@Valid ","who may take part on the other side (bilateral filter)"),
 ("hidden_until_request_accepted","hiddenUntilRequestAccepted","Boolean","o","","whether the slot is hidden until a request is accepted"),
 ("advance_notice_hours","advanceNoticeHours","Double","d","@Finite @PositiveOrZero ","hours of notice required"),
 ("booking_window_hours","bookingWindowHours","Double","d","@Finite @PositiveOrZero ","how far ahead it can be booked, in hours"),
 ("all_day","allDay","Boolean","o","","whether the slot covers whole days"),
 ("recurrence","recurrence","String","s","","recurrence (daily, weekly, ...)"),
 ("custom_recurrence_repeat_every","customRecurrenceRepeatEvery","Integer","i","@Positive ","custom recurrence: repeat every n units"),
 ("custom_recurrence_repeat_unit","customRecurrenceRepeatUnit","String","s","","custom recurrence: unit"),
 ("custom_recurrence_end_type","customRecurrenceEndType","String","s","","custom recurrence: how it ends"),
 ("custom_recurrence_end_value","customRecurrenceEndValue","String","s","","custom recurrence: end date or count"),
 ("start_date","startDate","String","s","","first day (ISO date or date-time); missing means since ever"),
 ("start_time","startTime","String","s","","start time of day"),
 ("end_date","endDate","String","s","","last day (ISO date or date-time); missing means forever"),
 ("end_time","endTime","String","s","","end time of day"),
 ("time_zone","timeZone","String","s","","IANA time zone"),
 ("location_type","locationType","String","s","","location type; containing \"online\" or \"remote\" makes the slot remote"),
 ("longitude","longitude","Double","d","@Finite @DecimalMin(value = \"-180\", message = MIN) @DecimalMax(value = \"180\", message = MAX) ","longitude in degrees, [-180, 180]"),
 ("latitude","latitude","Double","d","@Finite @DecimalMin(value = \"-90\", message = MIN) @DecimalMax(value = \"90\", message = MAX) ","latitude in degrees, [-90, 90]"),
 ("street_address","streetAddress","String","s","","street address"),
 ("city","city","String","s","","city (compared case-insensitively)"),
 ("state_province","stateProvince","String","s","","state or province"),
 ("postal_code","postalCode","String","s","","postal code"),
 ("country","country","String","s","","country (compared case-insensitively)"),
 ("online_link","onlineLink","String","s","","online link; its presence makes the slot remote"),
 ("parent_slot_id","parentSlotId","String","s","","id of the slot this one was derived from"),
 ("mutual_agreement_required","mutualAgreementRequired","Boolean","o","","whether both sides must agree explicitly"),
 ("priority","priority","Double","d","@Finite ","instance-specific priority"),
]

def gen(cls, what, article):
    L = []
    w = L.append
    w("package org.allocationcommons.core.model;")
    w("")
    w("import com.fasterxml.jackson.annotation.JsonIgnoreProperties;")
    w("import com.fasterxml.jackson.annotation.JsonInclude;")
    w("import com.fasterxml.jackson.annotation.JsonProperty;")
    w("import jakarta.validation.Valid;")
    w("import jakarta.validation.constraints.DecimalMax;")
    w("import jakarta.validation.constraints.DecimalMin;")
    w("import jakarta.validation.constraints.NotBlank;")
    w("import jakarta.validation.constraints.NotNull;")
    w("import jakarta.validation.constraints.Positive;")
    w("import jakarta.validation.constraints.PositiveOrZero;")
    w("import java.util.Objects;")
    w("import java.util.Optional;")
    w("import static org.allocationcommons.core.validation.Messages.MAX;")
    w("import static org.allocationcommons.core.validation.Messages.MIN;")
    w("")
    w("import org.allocationcommons.core.validation.Finite;")
    w("")
    w("/**")
    w(f" * {what}")
    w(" *")
    w(" * <p>Generated from one field table together with the other slot type, so both always carry the")
    w(" * same 35 fields (SPEC section 3). Optional fields are {@link Optional} components, never null;")
    w(" * JSON names are snake_case as in the original. Build one with {@link #builder(String)} or")
    w(f" * {{@link #of(String, String, double)}}; change one with {{@link #toBuilder()}}.")
    w(" */")
    w("@JsonIgnoreProperties(ignoreUnknown = true)")
    w("@JsonInclude(JsonInclude.Include.NON_ABSENT)")
    w(f"public record {cls}(")
    comps = []
    comps.append('    @JsonProperty("id") @NotBlank String id')
    comps.append('    @JsonProperty("name") @NotNull String name')
    comps.append('    @JsonProperty("quantity") @Finite @PositiveOrZero double quantity')
    for j,n,t,k,c,d in FIELDS:
        comps.append(f'    @JsonProperty("{j}") Optional<{c}{t}> {n}')
    w(",\n".join(comps) + ") implements Slot {")
    w("")
    w("  /** Normalises absent optionals to {@link Optional#empty()}; id and name are required. */")
    w(f"  public {cls} {{")
    w('    Objects.requireNonNull(id, "id is required");')
    w('    Objects.requireNonNull(name, "name is required (may be empty)");')
    for j,n,t,k,c,d in FIELDS:
        w(f"    {n} = {n} == null ? Optional.empty() : {n};")
    w("  }")
    w("")
    w(f"  /** {article} with just an id, a name and a quantity; every optional field absent. */")
    w(f"  public static {cls} of(String id, String name, double quantity) {{")
    w("    return builder(id).name(name).quantity(quantity).build();")
    w("  }")
    w("")
    w(f"  /** A builder for {article.lower()} with this id, empty name, quantity 0 and no optional field. */")
    w("  public static Builder builder(String id) {")
    w("    return new Builder(id);")
    w("  }")
    w("")
    w("  /** A builder initialised with every field of this slot. */")
    w("  public Builder toBuilder() {")
    w("    Builder b = new Builder(id).name(name).quantity(quantity);")
    for j,n,t,k,c,d in FIELDS:
        w(f"    b.{n} = {n}.orElse(null);")
    w("    return b;")
    w("  }")
    w("")
    w(f"  /** Fluent, mutable builder of {{@link {cls}}}; {{@code null}} clears an optional field. */")
    w("  public static final class Builder {")
    w("    private String id;")
    w('    private String name = "";')
    w("    private double quantity;")
    for j,n,t,k,c,d in FIELDS:
        w(f"    private {t} {n};")
    w("")
    w("    private Builder(String id) {")
    w('      this.id = Objects.requireNonNull(id, "id");')
    w("    }")
    w("")
    w("    /** Sets the id. */")
    w("    public Builder id(String id) {")
    w('      this.id = Objects.requireNonNull(id, "id");')
    w("      return this;")
    w("    }")
    w("")
    w("    /** Sets the display name. */")
    w("    public Builder name(String name) {")
    w('      this.name = Objects.requireNonNull(name, "name");')
    w("      return this;")
    w("    }")
    w("")
    w("    /** Sets the quantity (finite, at least 0). */")
    w("    public Builder quantity(double quantity) {")
    w("      this.quantity = quantity;")
    w("      return this;")
    w("    }")
    for j,n,t,k,c,d in FIELDS:
        w("")
        w(f"    /** Sets {d} ({{@code {j}}}). */")
        w(f"    public Builder {n}({t} {n}) {{")
        w(f"      this.{n} = {n};")
        w("      return this;")
        w("    }")
    w("")
    w("    /** Convenience: latitude and longitude together. */")
    w("    public Builder coordinates(double latitude, double longitude) {")
    w("      this.latitude = latitude;")
    w("      this.longitude = longitude;")
    w("      return this;")
    w("    }")
    w("")
    w("    /** Convenience: start and end date together (either may be null). */")
    w("    public Builder dates(String startDate, String endDate) {")
    w("      this.startDate = startDate;")
    w("      this.endDate = endDate;")
    w("      return this;")
    w("    }")
    w("")
    w(f"    /** The immutable slot. */")
    w(f"    public {cls} build() {{")
    args = ["id","name","quantity"] + [f"Optional.ofNullable({n})" for j,n,t,k,c,d in FIELDS]
    w(f"      return new {cls}(")
    w("          " + ",\n          ".join(args) + ");")
    w("    }")
    w("  }")
    w("}")
    return "\n".join(L) + "\n"

def gen_iface():
    L=[]
    w=L.append
    w("package org.allocationcommons.core.model;")
    w("")
    w("import java.util.Optional;")
    w("")
    w("/**")
    w(" * What capacity slots and need slots have in common: the 35 fields of SPEC section 3. Matching")
    w(" * ({@code org.allocationcommons.core.matching}) is written once against this interface.")
    w(" */")
    w("public sealed interface Slot permits AvailabilitySlot, NeedSlot {")
    w("")
    w("  /** Non-blank identifier, unique within its owner's commitment. */")
    w("  String id();")
    w("")
    w("  /** Display name, possibly empty. */")
    w("  String name();")
    w("")
    w("  /** Finite quantity, at least 0. */")
    w("  double quantity();")
    for j,n,t,k,c,d in FIELDS:
        w("")
        w(f"  /** {d[0].upper()+d[1:]} ({{@code {j}}}). */")
        w(f"  Optional<{t}> {n}();")
    w("}")
    return "\n".join(L)+"\n"

import os
base=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "main", "java", "org", "allocationcommons", "core", "model") + os.sep
open(base+"AvailabilitySlot.java","w").write(gen("AvailabilitySlot","A capacity slot: a quantity of something a provider can give, at a time and a place.","A capacity slot"))
open(base+"NeedSlot.java","w").write(gen("NeedSlot","A need slot: a quantity of something a recipient needs, at a time and a place.","A need slot"))
open(base+"Slot.java","w").write(gen_iface())
