package org.allocationcommons.sync.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.InvalidDocumentException;
import org.allocationcommons.sync.store.Stores;
import org.allocationcommons.sync.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentStoreTest {

  final VirtualScheduler s = VirtualScheduler.startingAtDefaultEpoch();
  final Codec codec = Codec.defaults();

  PersistentStore<Commitment> open(Path file) {
    return PersistentStore.open(file, Commitment.class, codec, s, Duration.ofMillis(50), Stores.LOG_FAILURES);
  }

  @Test
  void writesAreDebouncedAndAcknowledgedOnceDurable(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.json");
    PersistentStore<Commitment> store = open(file);
    assertThat(store.get()).isEmpty();
    store.set(Optional.of(Commitment.builder("a").timestamp(1).build()));
    store.set(Optional.of(Commitment.builder("a").timestamp(2).build()));
    var ack = store.durable().toCompletableFuture();
    assertThat(ack).isNotDone();
    assertThat(Files.exists(file)).isFalse();
    s.advanceBy(Duration.ofMillis(50));
    assertThat(ack).isCompleted();
    assertThat(store.writes()).isEqualTo(1);
    assertThat(open(file).get().orElseThrow().timestamp()).isEqualTo(2);
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("c.json"); // no temporary left
    }
  }

  @Test
  void aValueNotYetAcknowledgedMayBeLostButAnAcknowledgedOneNever(@TempDir Path dir) {
    Path file = dir.resolve("c.json");
    PersistentStore<Commitment> store = open(file);
    store.set(Optional.of(Commitment.builder("a").timestamp(1).build()));
    s.advanceBy(Duration.ofMillis(50));
    store.set(Optional.of(Commitment.builder("a").timestamp(2).build())); // killed before the debounce
    assertThat(open(file).get().orElseThrow().timestamp()).isEqualTo(1);
  }

  @Test
  void invalidValuesAreRefusedAndChangeNothing(@TempDir Path dir) {
    PersistentStore<Commitment> store = open(dir.resolve("c.json"));
    assertThatThrownBy(() -> store.set(Optional.of(Commitment.builder("a").timestamp(0).build())))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("timestamp = 0");
    assertThat(store.get()).isEmpty();
    assertThat(store.isDirty()).isFalse();
  }

  @Test
  void anInvalidFileIsRejectedNamingTheFileAndTheField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\"pubKey\":\"a\",\"timestamp\":-3,\"itcStamp\":{\"id\":1,\"event\":0}}");
    assertThatThrownBy(() -> open(file))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("timestamp = -3");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("-3");
  }

  @Test
  void clearingDeletesTheFile(@TempDir Path dir) {
    Path file = dir.resolve("c.json");
    PersistentStore<Commitment> store = open(file);
    store.set(Optional.of(Commitment.builder("a").timestamp(1).build()));
    store.flushNow();
    assertThat(Files.exists(file)).isTrue();
    store.set(Optional.empty());
    store.flushNow();
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void aFailedWriteFailsTheAcknowledgementKeepsTheValueAndIsRetried(@TempDir Path dir) throws Exception {
    Path blocker = dir.resolve("sub");
    PersistentStore<Commitment> store = open(blocker.resolve("c.json"));
    Files.writeString(blocker, "a file where a directory should be");
    store.set(Optional.of(Commitment.builder("a").timestamp(1).build()));
    var ack = store.durable().toCompletableFuture();
    s.advanceBy(Duration.ofMillis(50));
    assertThat(ack).isCompletedExceptionally();
    assertThat(store.isDirty()).isTrue();
    assertThat(store.get()).isPresent();
    Files.delete(blocker);
    var retry = store.durable().toCompletableFuture();
    s.advanceBy(Duration.ofMillis(50));
    assertThat(retry).isCompleted();
    assertThat(Files.exists(blocker.resolve("c.json"))).isTrue();
  }
}
