package org.allocationcommons.sync.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFolderTest {

  final VirtualScheduler s = VirtualScheduler.startingAtDefaultEpoch();
  final Codec codec = Codec.defaults();
  final String alice = Identity.generate().pubKey();
  final String bob = Identity.generate().pubKey();

  StorageFolder folder(Path dir, String owner) {
    return StorageFolder.builder(dir, owner, codec, s).open();
  }

  void write(Path dir, String owner, long timestamp) {
    PersistentStore<Commitment> c = folder(dir, owner).store("commitment", Commitment.class);
    c.set(Optional.of(Commitment.builder(owner).timestamp(timestamp).needSlot(NeedSlot.of("n1", "food", 12)).build()));
    assertThat(c.flushNow()).isTrue();
  }

  StorageException refusal(Path dir, String owner) {
    try {
      folder(dir, owner).store("commitment", Commitment.class);
    } catch (StorageException e) {
      return e;
    }
    throw new AssertionError("the file loaded");
  }

  @Test
  void aFlippedDigitIsDetectedAndNamedNeverLoaded(@TempDir Path dir) throws Exception {
    write(dir, alice, 1_700_000_000_000L);
    Path file = dir.resolve("commitment.json");
    String text = Files.readString(file);
    assertThat(text).contains("\"quantity\":12");
    Files.writeString(file, text.replace("\"quantity\":12", "\"quantity\":13"));
    StorageException e = refusal(dir, alice);
    assertThat(e.problem()).isEqualTo(StorageException.Problem.CORRUPT);
    assertThat(e.file()).isEqualTo(file);
    assertThat(e.getMessage()).startsWith("stored file " + file + ": fails its integrity check");
  }

  @Test
  void aDamagedHeaderATruncatedFileAndAnotherFormatAreDetected(@TempDir Path dir) throws Exception {
    write(dir, alice, 1_700_000_000_000L);
    Path file = dir.resolve("commitment.json");
    byte[] good = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(good, good.length - 5));
    assertThat(refusal(dir, alice).getMessage()).contains("truncated after it was written");
    Files.write(file, new String(good, StandardCharsets.UTF_8).replace(" sha256=", " sha265=").getBytes(StandardCharsets.UTF_8));
    assertThat(refusal(dir, alice).getMessage()).contains("has a damaged header");
    Files.write(file, new String(good, StandardCharsets.UTF_8).replace("allocation-commons-store/1", "allocation-commons-store/2").getBytes(StandardCharsets.UTF_8));
    assertThat(refusal(dir, alice).getMessage()).contains("is in format 'allocation-commons-store/2': this SDK reads 'allocation-commons-store/1'");
    Files.write(file, new byte[0]);
    assertThat(refusal(dir, alice).getMessage()).contains("is empty");
    String flipped = alice.substring(0, 42) + (alice.charAt(42) == 'Q' ? "R" : "Q"); // a random key may end in Q already
    Files.write(file, new String(good, StandardCharsets.UTF_8).replace(alice, flipped).getBytes(StandardCharsets.UTF_8));
    assertThat(refusal(dir, alice).problem()).isEqualTo(StorageException.Problem.CORRUPT); // a flip in the owner is corruption, not another owner
  }

  @Test
  void anotherIdentitysFileIsRefusedByName(@TempDir Path dir) throws Exception {
    Path bobs = dir.resolve("bob");
    write(bobs, bob, 1_700_000_000_000L);
    Path mine = dir.resolve("alice");
    Files.createDirectories(mine);
    Files.copy(bobs.resolve("commitment.json"), mine.resolve("commitment.json"));
    StorageException e = refusal(mine, alice);
    assertThat(e.problem()).isEqualTo(StorageException.Problem.WRONG_OWNER);
    assertThat(e.getMessage()).isEqualTo("stored file " + mine.resolve("commitment.json") + ": belongs to " + bob + ", not to " + alice);
  }

  @Test
  void aFileRenamedToAnotherDocumentIsRefused(@TempDir Path dir) throws Exception {
    write(dir, alice, 1_700_000_000_000L);
    Files.move(dir.resolve("commitment.json"), dir.resolve("recognitionWeights.json"));
    assertThatThrownBy(() -> folder(dir, alice).store("recognitionWeights", RecognitionWeights.class))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.problem()).isEqualTo(StorageException.Problem.WRONG_DOCUMENT))
        .hasMessageContaining("holds the document 'commitment', not 'recognitionWeights'");
  }

  @Test
  void aFileOfTodaysHeaderlessFormatIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("commitment.json");
    Files.write(file, codec.write(Commitment.builder(alice).timestamp(5).build()));
    StorageException e = refusal(dir, alice);
    assertThat(e.problem()).isEqualTo(StorageException.Problem.NO_HEADER);
    assertThat(e.getMessage()).contains("has no integrity header").contains("cannot be checked, so it is not loaded");
  }

  @Test
  void aFileLargerThanAnythingWrittenIsRefusedUnread(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("commitment.json");
    Files.write(file, new byte[2_000]);
    assertThatThrownBy(() -> StorageFolder.builder(dir, alice, Codec.withLimits(1_000, 200), s).open().store("commitment", Commitment.class))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.problem()).isEqualTo(StorageException.Problem.OVERSIZED))
        .hasMessageContaining("has 2000 bytes: must have at most 1512");
  }

  @Test
  void aDocumentOfAnotherAuthorInsideAnIntactFileIsRefused(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("commitment.json"),
        StoreFile.encode("commitment", alice, codec.write(Commitment.builder(bob).timestamp(5).build())));
    StorageException e = refusal(dir, alice);
    assertThat(e.problem()).isEqualTo(StorageException.Problem.WRONG_OWNER);
    assertThat(e.getMessage()).contains("holds a commitment of " + bob + ", not of " + alice);
  }

  @Test
  void aMissingFileNextToOthersIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
    StorageFolder fresh = folder(dir, alice);
    assertThat(fresh.freshOnOpen()).isTrue();
    fresh.requireComplete(List.of("membership", "commitment")); // a first start needs nothing
    write(dir, alice, 1_700_000_000_000L);
    StorageFolder again = folder(dir, alice);
    assertThat(again.presentOnOpen()).containsExactly("commitment");
    assertThatThrownBy(() -> again.requireComplete(List.of("commitment", "membership")))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.problem()).isEqualTo(StorageException.Problem.MISSING);
          assertThat(e.file()).isEqualTo(dir.resolve("membership.json"));
        })
        .hasMessageContaining("membership.json: is missing while " + dir + " holds [commitment.json]");
    again.requireComplete(Set.of("commitment"));
  }

  @Test
  void strayTemporariesAreRemovedAtOpenAndNothingElse(@TempDir Path dir) throws Exception {
    write(dir, alice, 1_700_000_000_000L);
    Files.writeString(dir.resolve("commitment.json.4815162342.tmp"), "half a write");
    Files.writeString(dir.resolve("membership.json.tmp"), "an earlier fixed-name temporary");
    Files.writeString(dir.resolve("identity.key.123.tmp"), "half a key file");
    Files.createDirectory(dir.resolve("keep.json.77.tmp")); // not a file we write: left alone
    Files.writeString(dir.resolve("notes.txt"), "the user's");
    StorageFolder f = folder(dir, alice);
    assertThat(f.removedTemporaries()).extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("commitment.json.4815162342.tmp", "membership.json.tmp", "identity.key.123.tmp");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("commitment.json", "keep.json.77.tmp", "notes.txt");
    }
    assertThat(f.store("commitment", Commitment.class).get()).isPresent();
  }

  @Test
  void storeNamesAndOwnersAreChecked(@TempDir Path dir) {
    StorageFolder f = folder(dir, alice);
    assertThatThrownBy(() -> f.store("../escape", Commitment.class)).hasMessageContaining("store name = ../escape: must be");
    f.store("commitment", Commitment.class);
    assertThatThrownBy(() -> f.store("commitment", Commitment.class)).hasMessageContaining("already open");
    assertThatThrownBy(() -> StorageFolder.builder(dir, "two words", codec, s)).hasMessageContaining("owner = two words");
  }

  @Test
  void theFolderGathersDurability(@TempDir Path dir) {
    StorageFolder f = folder(dir, alice);
    PersistentStore<Commitment> c = f.store("commitment", Commitment.class);
    PersistentStore<RecognitionWeights> w = f.store("recognitionWeights", RecognitionWeights.class);
    c.set(Optional.of(Commitment.builder(alice).timestamp(1).build()));
    w.set(Optional.of(new RecognitionWeights(alice, java.util.Map.of(), Stamp.seed(), 1)));
    var all = f.durable().toCompletableFuture();
    assertThat(all).isNotDone();
    assertThat(f.flushAll()).isTrue();
    assertThat(all).isCompleted();
    assertThat(f.healthy()).isTrue();
    assertThat(folder(dir, alice).presentOnOpen()).containsExactly("commitment", "recognitionWeights");
  }
}
