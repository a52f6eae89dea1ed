package org.allocationcommons.transport.gun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class FramesTest {

  private static final int MAX = 1 << 20;

  @Test
  void readsAForwardedPutAsARealRelaySendsIt() {
    // captured from gun 0.2020.1241 relaying a subscriber's update
    String frame =
        "{\"#\":\"WitQmukEt\",\"><\":\"bsum3EKmW,BfQzpemyU\",\"ok\":{\"/\":3,\"@\":2},"
            + "\"put\":{\"ac/k2/commitment\":{\"_\":{\"#\":\"ac/k2/commitment\",\">\":{\"doc\":1795544804805}},\"doc\":\"v1\"}}}";
    Frames.Parsed parsed = Frames.parse(frame, MAX);
    assertThat(parsed.malformed()).isEmpty();
    GunMessage.Put put = (GunMessage.Put) parsed.messages().get(0);
    assertThat(put.id()).contains("WitQmukEt");
    assertThat(put.ackOf()).isEmpty();
    GunMessage.Value v = put.values().get(0);
    assertThat(v.soul()).isEqualTo("ac/k2/commitment");
    assertThat(v.key()).isEqualTo("doc");
    assertThat(v.state()).isEqualTo(1795544804805.0);
    assertThat(v.value().stringValue()).isEqualTo("v1");
  }

  @Test
  void readsAcksGetsHellosAndBatches() {
    String frame =
        "[{\"#\":\"a1\",\"@\":\"m1\",\"ok\":true},{\"#\":\"a2\",\"@\":\"m2\",\"err\":\"Unverified data.\"},"
            + "{\"#\":\"g1\",\"get\":{\"#\":\"s\",\".\":\"doc\"}},{\"#\":\"h1\",\"dam\":\"?\",\"pid\":\"p\"}]";
    Frames.Parsed parsed = Frames.parse(frame, MAX);
    assertThat(parsed.malformed()).isEmpty();
    assertThat(parsed.messages())
        .containsExactly(
            new GunMessage.Ack(Optional.of("a1"), "m1", Optional.empty()),
            new GunMessage.Ack(Optional.of("a2"), "m2", Optional.of("Unverified data.")),
            new GunMessage.Get(Optional.of("g1"), "s", Optional.of("doc")),
            new GunMessage.Dam(Optional.of("h1"), "?", Optional.empty()));
    assertThat(Frames.parse("[]", MAX).messages()).isEmpty(); // the relay's heartbeat
  }

  @Test
  void readsHolsterAcksThrottlesAndErrors() {
    // verbatim from Holster 1.0.21 (src/wire.js)
    assertThat(Frames.parse("{\"#\":\"Yyj84tvzx\",\"@\":\"p1\",\"err\":null}", MAX).messages())
        .containsExactly(new GunMessage.Ack(Optional.of("Yyj84tvzx"), "p1", Optional.empty()));
    assertThat(Frames.parse("{\"#\":\"haNcs6iC8\",\"@\":\"g1\"}", MAX).messages())
        .containsExactly(new GunMessage.Ack(Optional.of("haNcs6iC8"), "g1", Optional.empty()));
    assertThat(Frames.parse("{\"#\":\"r\",\"@\":\"g1\",\"put\":null,\"err\":null}", MAX).messages())
        .containsExactly(new GunMessage.Ack(Optional.of("r"), "g1", Optional.empty()));
    assertThat(
            Frames.parse(
                    "{\"#\":\"t1\",\"@\":\"m9\",\"err\":\"Rate limit exceeded. Slow down requests. Wait 12s\",\"throttle\":11500.5}",
                    MAX)
                .messages())
        .containsExactly(
            new GunMessage.Throttle(Optional.of("t1"), "m9", "Rate limit exceeded. Slow down requests. Wait 12s", 11501));
    assertThat(Frames.parse("{\"error\":\"Message too large\"}", MAX).messages())
        .containsExactly(new GunMessage.RelayError(Optional.empty(), "Message too large"));
    assertThat(Frames.parse("{\"@\":\"m\",\"throttle\":\"soon\"}", MAX).malformed())
        .singleElement().asString().contains("'throttle' must be a number");
  }

  @Test
  void utf8LengthCountsBytes() {
    assertThat(Frames.utf8Length("abc")).isEqualTo(3);
    assertThat(Frames.utf8Length("é")).isEqualTo(2);
    assertThat(Frames.utf8Length("€")).isEqualTo(3);
    assertThat(Frames.utf8Length("😀")).isEqualTo(4);
  }

  @Test
  void rejectsWhatGunWouldRejectWithAReasonAndKeepsTheRest() {
    assertThat(Frames.parse("nope", MAX).malformed()).singleElement().asString().startsWith("invalid JSON");
    assertThat(Frames.parse("{\"put\":5}", MAX).malformed()).containsExactly("'put' must be an object of nodes, got number 5");
    assertThat(Frames.parse("{\"#\":\"x\"}", MAX).malformed()).containsExactly("message has none of 'put', 'get', '@', 'dam' or 'error'");
    assertThat(Frames.parse("{\"#\":7,\"@\":\"m\"}", MAX).malformed()).containsExactly("'#' must be a string, got number 7");
    assertThat(Frames.parse("{\"put\":{\"s\":{\"_\":{\"#\":\"t\",\">\":{}}}}}", MAX).malformed())
        .singleElement().asString().contains("not its soul");
    assertThat(Frames.parse("{\"put\":{\"s\":{\"_\":{\"#\":\"s\",\">\":{}},\"doc\":\"v\"}}}", MAX).malformed())
        .singleElement().asString().contains("has state nothing");
    assertThat(Frames.parse("{\"put\":{\"s\":{\"_\":{\"#\":\"s\",\">\":{\"doc\":1}},\"doc\":[1]}}}", MAX).malformed())
        .singleElement().asString().contains("invalid value array");
    Frames.Parsed mixed = Frames.parse("[1,{\"#\":\"a\",\"@\":\"b\"}]", MAX);
    assertThat(mixed.malformed()).containsExactly("message 0 of batch: expected a JSON object, got number 1");
    assertThat(mixed.messages()).hasSize(1);
    assertThat(Frames.parse("x".repeat(2000), 1024).malformed()).containsExactly("frame of 2000 chars exceeds the limit of 1024");
  }

  @Test
  void acceptsEveryValueKindGunAllows() {
    String frame =
        "{\"put\":{\"s\":{\"_\":{\"#\":\"s\",\">\":{\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1}},"
            + "\"a\":null,\"b\":true,\"c\":2.5,\"d\":\"t\",\"e\":{\"#\":\"other\"}}}}";
    Frames.Parsed parsed = Frames.parse(frame, MAX);
    assertThat(parsed.malformed()).isEmpty();
    assertThat(((GunMessage.Put) parsed.messages().get(0)).values()).hasSize(5);
  }

  @Test
  void writesTheShapesTheRelayAccepts() {
    assertThat(Frames.put("m1", "ns/k/commitment", "doc", 1700000000000.0, "aGk="))
        .isEqualTo("{\"#\":\"m1\",\"put\":{\"ns/k/commitment\":{\"_\":{\"#\":\"ns/k/commitment\",\">\":{\"doc\":1700000000000}},\"doc\":\"aGk=\"}}}");
    assertThat(Frames.get("g1", "s", Optional.empty())).isEqualTo("{\"#\":\"g1\",\"get\":{\"#\":\"s\"}}");
    assertThat(Frames.get("g1", "s", Optional.of("doc"))).isEqualTo("{\"#\":\"g1\",\"get\":{\"#\":\"s\",\".\":\"doc\"}}");
    assertThat(Frames.hello("h", "pid", "x")).isEqualTo("{\"#\":\"h\",\"dam\":\"?\",\"pid\":\"pid\",\"@\":\"x\"}");
    assertThat(Frames.batch(List.of("{}", "[]"))).isEqualTo("[{},[]]");
    assertThat(Frames.batch(List.of("{}"))).isEqualTo("{}");
  }

  @Property(tries = 200)
  void whatIsWrittenReadsBack(
      @ForAll @DoubleRange(min = 0, max = 4e15) double state, @ForAll String value) {
    String reply = Frames.reply("r", "g", "ns/k/commitment", "doc", state, value);
    GunMessage.Put put = (GunMessage.Put) Frames.parse(reply, Integer.MAX_VALUE).messages().get(0);
    assertThat(put.ackOf()).contains("g");
    assertThat(put.values().get(0).state()).isEqualTo(state);
    assertThat(put.values().get(0).value().stringValue()).isEqualTo(value);
  }
}
