package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A transport plugin is built on commons-sync's public SPI alone (SPEC 5, "Transports are
 * plugins"), so that a third party can write one the same way: this module's main sources name no
 * project package other than {@code org.allocationcommons.sync.spi} and their own.
 */
class SpiOnlyTest {

  private static final Pattern PROJECT_NAME =
      Pattern.compile("org\\.allocationcommons\\.[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  @Test
  void mainSourcesUseOnlyTheSpiOfCommonsSync() throws IOException {
    Path main = sourceRoot();
    List<String> offending;
    try (Stream<Path> files = Files.walk(main)) {
      offending =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .flatMap(SpiOnlyTest::projectNames)
              .filter(n -> !n.startsWith("org.allocationcommons.sync.spi"))
              .filter(n -> !n.startsWith("org.allocationcommons.transport.gun"))
              .distinct()
              .toList();
    }
    assertThat(offending).as("project packages used outside the SPI").isEmpty();
  }

  private static Stream<String> projectNames(Path file) {
    try {
      Matcher m = PROJECT_NAME.matcher(Files.readString(file));
      return m.results().map(r -> r.group() + " (" + file.getFileName() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path sourceRoot() {
    Path here = Path.of("src/main/java");
    if (!Files.isDirectory(here.resolve("org/allocationcommons/transport/gun"))) {
      here = Path.of("commons-transport-gun/src/main/java");
    }
    assertThat(here.resolve("org/allocationcommons/transport/gun")).isDirectory();
    return here;
  }
}
