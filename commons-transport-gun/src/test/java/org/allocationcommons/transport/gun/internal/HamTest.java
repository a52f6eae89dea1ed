package org.allocationcommons.transport.gun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.allocationcommons.transport.gun.internal.Ham.Verdict;
import org.junit.jupiter.api.Test;

class HamTest {

  @Test
  void higherStateWinsWhateverTheValue() {
    assertThat(Ham.compare(5, "\"b\"", 6, "\"a\"")).isEqualTo(Verdict.ACCEPT);
    assertThat(Ham.compare(5, "\"a\"", 4, "\"z\"")).isEqualTo(Verdict.STALE);
    assertThat(Ham.compare(0, null, -3, "\"a\"")).isEqualTo(Verdict.ACCEPT);
  }

  @Test
  void equalStatesTieBreakOnTheJsonTextAsGunDoes() {
    // gun src/root.js: state === was && L(val) <= L(known) -> ignore, where L = JSON.stringify
    assertThat(Ham.compare(5, "\"a\"", 5, "\"b\"")).isEqualTo(Verdict.ACCEPT);
    assertThat(Ham.compare(5, "\"b\"", 5, "\"a\"")).isEqualTo(Verdict.STALE);
    assertThat(Ham.compare(5, "\"a\"", 5, "\"a\"")).isEqualTo(Verdict.DUPLICATE);
    // '"' (0x22) sorts before 'c', so "ab" < "abc" as in JavaScript
    assertThat(Ham.compare(5, "\"ab\"", 5, "\"abc\"")).isEqualTo(Verdict.ACCEPT);
  }

  @Test
  void jsonStringEscapesLikeJavaScript() {
    assertThat(Ham.jsonString("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(Ham.jsonString("\n\t\u0001")).isEqualTo("\"\\n\\t\\u0001\"");
    assertThat(Ham.jsonString("é/€")).isEqualTo("\"é/€\"");
    assertThat(Ham.jsonString("\ud800")).isEqualTo("\"\\ud800\"");
    assertThat(Ham.jsonString("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
  }
}
