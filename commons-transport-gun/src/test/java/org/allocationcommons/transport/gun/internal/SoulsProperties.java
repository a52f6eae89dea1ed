package org.allocationcommons.transport.gun.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Test;

class SoulsProperties {

  @Provide
  Arbitrary<String> pubKeys() {
    return Arbitraries.strings().withChars("ABCxyz019_-").ofMinLength(1).ofMaxLength(60);
  }

  @Provide
  Arbitrary<String> documents() {
    return Arbitraries.of(DocumentPaths.COMMITMENT, DocumentPaths.ALLOCATION_STATE, DocumentPaths.RECOGNITION_WEIGHTS);
  }

  @Property(tries = 300)
  void everyPathMapsToAPlainSoulAndBack(@ForAll("pubKeys") String key, @ForAll("documents") String doc) {
    String path = DocumentPaths.of(key, doc);
    String soul = Souls.soulOf("allocation-commons", path);
    assertThat(soul).isEqualTo("allocation-commons/" + key + "/" + doc).doesNotStartWith("~");
    assertThat(Souls.pathOf("allocation-commons", soul)).contains(path);
    assertThat(Souls.pathOf("other", soul)).isEmpty();
  }

  @Test
  void soulsThatAreNotOurDocumentsMapToNothing() {
    assertThat(Souls.pathOf("ns", "ns/key/unknownDocument")).isEmpty();
    assertThat(Souls.pathOf("ns", "ns/key")).isEmpty();
    assertThat(Souls.pathOf("ns", "ns/k~y/commitment")).isEmpty();
    assertThat(Souls.pathOf("ns", "~key/allocation/commitment")).isEmpty();
    assertThat(Souls.pathOf("ns", "nsx/key/commitment")).isEmpty();
  }

  @Test
  void namespacesNeverStartWithATildeAndInvalidPathsAreRejected() {
    assertThatThrownBy(() -> Souls.requireNamespace("~mine")).hasMessageContaining("'~mine'");
    assertThatThrownBy(() -> Souls.requireNamespace("a/b")).hasMessageContaining("'a/b'");
    assertThat(Souls.requireNamespace("allocation-commons.v1")).isEqualTo("allocation-commons.v1");
    assertThatThrownBy(() -> Souls.soulOf("ns", "~key/other/commitment")).isInstanceOf(IllegalArgumentException.class);
  }
}
