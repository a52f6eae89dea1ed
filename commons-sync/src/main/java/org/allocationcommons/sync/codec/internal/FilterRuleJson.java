package org.allocationcommons.sync.codec.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.sync.codec.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code filter_rule} as tolerantly as the original, whose rule is typed {@code any} (SPEC 7):
 * a missing or null field means that check is absent, and a rule that cannot be read (not an
 * object, no string {@code type}, a field of the wrong kind) passes as a {@link
 * FilterRule.Unknown}, kept verbatim, so that matching reports it as unreviewed wherever it is used.
 * Each such rule is also logged at WARN when read, naming the field, the value and why. Syntax
 * errors and non-finite numbers inside a rule still reject the document.
 */
public final class FilterRuleJson {

  private static final Logger log = LoggerFactory.getLogger(FilterRuleJson.class);

  private static final Map<String, Class<? extends FilterRule>> KNOWN = Map.of(
      "trust", FilterRule.Trust.class,
      "location", FilterRule.Location.class,
      "attribute", FilterRule.Attribute.class,
      "certification", FilterRule.Certification.class,
      "resource_type", FilterRule.ResourceType.class,
      "allow_all", FilterRule.AllowAll.class,
      "deny_all", FilterRule.DenyAll.class);

  /** Fields whose absence the model cannot express by null (a primitive), with the absent value. */
  private static final Map<String, Map<String, Boolean>> ABSENT = Map.of("trust", Map.of("only_mutual", false));

  private FilterRuleJson() {}

  /** A Jackson module with the tolerant filter-rule reader. */
  public static SimpleModule module() {
    SimpleModule m = new SimpleModule("filter-rule");
    m.addDeserializer(FilterRule.class, new Deserializer());
    return m;
  }

  private static FilterRule read(JsonNode tree, String field, DeserializationContext ctxt) {
    if (!tree.isObject()) {
      return malformed(field, tree, "", Map.of(), "must be an object {\"type\": ..., ...}");
    }
    ObjectNode rule = ((ObjectNode) tree).deepCopy();
    JsonNode typeNode = rule.get("type");
    Map<String, Object> raw = raw(rule, ctxt);
    if (typeNode == null || !typeNode.isString()) {
      return malformed(field, tree, "", raw, "type must be a string naming the rule");
    }
    String type = typeNode.stringValue();
    Class<? extends FilterRule> known = KNOWN.get(type);
    if (known == null) {
      return new FilterRule.Unknown(type, raw); // matching reports it; as before
    }
    List<String> nulls = new ArrayList<>();
    rule.properties().forEach(e -> {
      if (e.getValue().isNull()) {
        nulls.add(e.getKey());
      }
    });
    rule.remove(nulls); // null means absent
    ABSENT.getOrDefault(type, Map.of()).forEach((k, v) -> {
      if (!rule.has(k)) {
        rule.put(k, v);
      }
    });
    try (JsonParser p = rule.traverse(ctxt)) { // kept open while a failure is explained
      p.nextToken();
      return ctxt.readValue(p, known);
    } catch (JacksonException e) {
      Violation v = JsonErrors.violation(e, Integer.MAX_VALUE, Integer.MAX_VALUE);
      JsonNode found = v.field().isEmpty() ? null : rule.get(v.field());
      String why = found == null
          ? (v.field().isEmpty() ? "" : v.field() + ": ") + v.rule()
          : v.field() + " = " + found + ": " + JsonErrors.expected(v.rule()) + ", not " + JsonErrors.kind(found);
      return malformed(field, tree, type, raw, why);
    }
  }

  /** The rule's fields other than {@code type}, as plain values (what {@link FilterRule.Unknown} keeps). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> raw(ObjectNode rule, DeserializationContext ctxt) {
    Map<String, Object> all = ctxt.readTreeAsValue(rule, LinkedHashMap.class);
    all.remove("type");
    return all;
  }

  private static FilterRule malformed(String field, JsonNode tree, String type, Map<String, Object> raw, String why) {
    String text = String.valueOf(tree);
    log.warn("{} = {}: unreadable filter rule ({}); it passes unreviewed, as a rule of unknown type", field,
        text.length() > 120 ? text.substring(0, 117) + "..." : text, why);
    return new FilterRule.Unknown(type, raw);
  }

  private static final class Deserializer extends ValueDeserializer<FilterRule> {
    @Override
    public FilterRule deserialize(JsonParser p, DeserializationContext ctxt) {
      TokenStreamContext at = p.streamReadContext();
      if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
        at = at.getParent();
      }
      String field = JsonErrors.path(at);
      return read(ctxt.readTree(p), field, ctxt);
    }

    @Override
    public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer) {
      return deserialize(p, ctxt); // the type is read here, tolerantly, not by the type id resolver
    }
  }
}
