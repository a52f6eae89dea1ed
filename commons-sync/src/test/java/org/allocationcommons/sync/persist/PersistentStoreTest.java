package org.allocationcommons.sync.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.InvalidDocumentException;
import org.allocationcommons.sync.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentStoreTest {

  static final String ME = "alice";

  final VirtualScheduler s = VirtualScheduler.startingAtDefaultEpoch();
  final Codec codec = Codec.defaults();

  StorageFolder folder(Path dir) {
    return StorageFolder.builder(dir, ME, codec, s).debounce(Duration.ofMillis(50)).open();
  }

  PersistentStore<Commitment> open(Path dir) {
    return folder(dir).store("commitment", Commitment.class);
  }

  static Commitment commitment(long t) {
    return Commitment.builder(ME).timestamp(t).build();
  }

  @Test
  void writesAreDebouncedAndAcknowledgedOnceDurable(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("commitment.json");
    PersistentStore<Commitment> store = open(dir);
    assertThat(store.get()).isEmpty();
    assertThat(store.foundOnOpen()).isFalse();
    store.set(Optional.of(commitment(1)));
    store.set(Optional.of(commitment(2)));
    var ack = store.durable().toCompletableFuture();
    assertThat(ack).isNotDone();
    assertThat(Files.exists(file)).isFalse();
    s.advanceBy(Duration.ofMillis(50));
    assertThat(ack).isCompleted();
    assertThat(store.writes()).isEqualTo(1);
    PersistentStore<Commitment> again = open(dir);
    assertThat(again.foundOnOpen()).isTrue();
    assertThat(again.get().orElseThrow().timestamp()).isEqualTo(2);
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("commitment.json"); // no temporary left
    }
    assertThat(Files.readString(file)).startsWith("allocation-commons-store/1 commitment alice ");
  }

  @Test
  void aValueNotYetAcknowledgedMayBeLostButAnAcknowledgedOneNever(@TempDir Path dir) {
    PersistentStore<Commitment> store = open(dir);
    store.set(Optional.of(commitment(1)));
    s.advanceBy(Duration.ofMillis(50));
    store.set(Optional.of(commitment(2))); // killed before the debounce
    assertThat(open(dir).get().orElseThrow().timestamp()).isEqualTo(1);
  }

  @Test
  void invalidValuesAreRefusedAndChangeNothing(@TempDir Path dir) {
    PersistentStore<Commitment> store = open(dir);
    assertThatThrownBy(() -> store.set(Optional.of(Commitment.builder(ME).timestamp(0).build())))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("timestamp = 0");
    assertThat(store.get()).isEmpty();
    assertThat(store.isDirty()).isFalse();
  }

  @Test
  void aValueTooLargeToBeReadBackIsRefusedAndChangesNothing(@TempDir Path dir) {
    StorageFolder small = StorageFolder.builder(dir, ME, Codec.withLimits(2_000, 200), s).open();
    PersistentStore<Commitment> store = small.store("commitment", Commitment.class);
    store.set(Optional.of(commitment(1)));
    List<NeedSlot> needs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      needs.add(NeedSlot.of("n" + i, "food", 1));
    }
    Commitment big = Commitment.builder(ME).timestamp(2).needSlots(needs).build();
    assertThatThrownBy(() -> store.set(Optional.of(big)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("must be at most 2000 bytes")
        .hasMessageContaining("could not be read back");
    assertThat(store.get().orElseThrow().timestamp()).isEqualTo(1);
    assertThat(store.flushNow()).isTrue();
    assertThat(StorageFolder.builder(dir, ME, Codec.withLimits(2_000, 200), s).open()
        .store("commitment", Commitment.class).get().orElseThrow().timestamp()).isEqualTo(1);
  }

  @Test
  void anIntactFileWithAnInvalidDocumentIsRefusedNamingTheFileAndTheField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("commitment.json");
    byte[] body = "{\"pubKey\":\"alice\",\"timestamp\":-3,\"itcStamp\":{\"id\":1,\"event\":0}}".getBytes(StandardCharsets.UTF_8);
    Files.write(file, StoreFile.encode("commitment", ME, body));
    assertThatThrownBy(() -> open(dir))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.problem()).isEqualTo(StorageException.Problem.INVALID_DOCUMENT);
          assertThat(e.file()).isEqualTo(file);
        })
        .hasMessageContaining(file.toString())
        .hasMessageContaining("timestamp = -3");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("-3"); // left untouched
  }

  @Test
  void clearingDeletesTheFile(@TempDir Path dir) {
    Path file = dir.resolve("commitment.json");
    PersistentStore<Commitment> store = open(dir);
    store.set(Optional.of(commitment(1)));
    assertThat(store.flushNow()).isTrue();
    assertThat(Files.exists(file)).isTrue();
    store.set(Optional.empty());
    assertThat(store.flushNow()).isTrue();
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void aFailedWriteFailsTheAcknowledgementMakesTheStoreUnhealthyKeepsTheValueAndIsRetried(@TempDir Path dir)
      throws Exception {
    FailingWriter disk = new FailingWriter();
    StorageFolder f = StorageFolder.builder(dir, ME, codec, s).debounce(Duration.ofMillis(50)).writer(disk).open();
    PersistentStore<Commitment> store = f.store("commitment", Commitment.class);
    store.set(Optional.of(commitment(1)));
    assertThat(store.flushNow()).isTrue();
    assertThat(store.healthy()).isTrue();

    disk.full = true;
    store.set(Optional.of(commitment(2)));
    var ack = store.durable().toCompletableFuture();
    s.advanceBy(Duration.ofMillis(50));
    assertThat(ack).isCompletedExceptionally();
    assertThatThrownBy(ack::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.problem()).isEqualTo(StorageException.Problem.WRITE_FAILED);
          assertThat(e.file()).isEqualTo(dir.resolve("commitment.json"));
        })
        .hasMessageContaining("No space left on device");
    assertThat(store.healthy()).isFalse();
    assertThat(f.healthy()).isFalse();
    assertThat(store.failure()).isPresent();
    assertThat(f.failure()).isEqualTo(store.failure());
    assertThat(store.flushNow()).isFalse(); // what the node checks before publishing
    assertThat(f.flushAll()).isFalse();
    assertThat(store.isDirty()).isTrue();
    assertThat(store.get().orElseThrow().timestamp()).isEqualTo(2);
    assertThat(open(dir).get().orElseThrow().timestamp()).isEqualTo(1); // the disk still holds the old one

    disk.full = false;
    var retry = store.durable().toCompletableFuture();
    s.advanceBy(Duration.ofMillis(50));
    assertThat(retry).isCompleted();
    assertThat(store.healthy()).isTrue();
    assertThat(store.failure()).isEmpty();
    assertThat(open(dir).get().orElseThrow().timestamp()).isEqualTo(2);
  }

  @Test
  void aDirectoryThatCannotBeWrittenFailsTheWriteToo(@TempDir Path dir) throws Exception {
    // The real file system: a file where the folder should be (works even as root, unlike chmod).
    Path blocked = dir.resolve("node");
    StorageFolder f = StorageFolder.builder(blocked, ME, codec, s).open();
    PersistentStore<Commitment> store = f.store("commitment", Commitment.class);
    Files.delete(blocked);
    Files.writeString(blocked, "a file where a directory should be");
    store.set(Optional.of(commitment(1)));
    assertThat(store.flushNow()).isFalse();
    assertThat(store.failure().orElseThrow().problem()).isEqualTo(StorageException.Problem.WRITE_FAILED);
    Files.delete(blocked);
    assertThat(store.flushNow()).isTrue();
    assertThat(store.healthy()).isTrue();
  }

  @Test
  void anInMemoryStoreIsAlwaysDurable() {
    PersistentStore<Commitment> store = PersistentStore.inMemory(codec, s, e -> { });
    store.set(Optional.of(commitment(1)));
    assertThat(store.durable().toCompletableFuture()).isCompleted();
    assertThat(store.flushNow()).isTrue();
    assertThat(store.healthy()).isTrue();
    assertThat(store.file()).isEmpty();
  }

  /** A disk that fills up on demand. */
  static final class FailingWriter implements StorageWriter {
    volatile boolean full;

    @Override
    public void write(Path file, byte[] bytes) throws IOException {
      if (full) {
        throw new IOException("No space left on device");
      }
      DurableFiles.write(file, bytes);
    }

    @Override
    public void delete(Path file) throws IOException {
      if (full) {
        throw new IOException("No space left on device");
      }
      DurableFiles.delete(file);
    }
  }
}
