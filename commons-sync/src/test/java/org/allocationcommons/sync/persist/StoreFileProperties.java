package org.allocationcommons.sync.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class StoreFileProperties {

  static final Path FILE = Path.of("commitment.json");
  static final String OWNER = "A".repeat(43);

  @Property(tries = 300)
  void anyIntactFileDecodesToItsBody(@ForAll @AlphaChars @NumericChars @StringLength(max = 300) String text) {
    byte[] body = ("{\"t\":\"" + text + "\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(StoreFile.decode(FILE, StoreFile.encode("commitment", OWNER, body), "commitment", OWNER)).isEqualTo(body);
  }

  @Property(tries = 1000)
  void anyChangeOfOneByteAnywhereIsRefusedNeverLoaded(
      @ForAll @AlphaChars @NumericChars @StringLength(max = 200) String text,
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] body = ("{\"t\":\"" + text + "\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] file = StoreFile.encode("commitment", OWNER, body);
    file[where % file.length] ^= (byte) xor;
    assertThatThrownBy(() -> StoreFile.decode(FILE, file, "commitment", OWNER)).isInstanceOf(StorageException.class);
  }
}
