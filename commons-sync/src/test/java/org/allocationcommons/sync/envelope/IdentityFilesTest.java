package org.allocationcommons.sync.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFilesTest {

  @Test
  void theSeedComesBackOutAndGivesTheSameIdentity() {
    Identity a = Identity.generate();
    byte[] seed = a.seed();
    assertThat(seed).hasSize(32);
    assertThat(Identity.fromSeed(seed).pubKey()).isEqualTo(a.pubKey());
    seed[0] ^= 1; // a copy: changing it changes nothing
    assertThat(Identity.fromSeed(a.seed()).pubKey()).isEqualTo(a.pubKey());
    assertThat(Identity.fromSeed(IdentityTest.SECRET_1).seed()).isEqualTo(IdentityTest.SECRET_1);
  }

  @Test
  void savedIdentitiesLoadBackAndAreOwnerOnly(@TempDir Path dir) throws Exception {
    Identity a = Identity.generate();
    Path file = dir.resolve("keys/alice.key");
    a.save(file);
    Identity back = Identity.load(file);
    assertThat(back.pubKey()).isEqualTo(a.pubKey());
    byte[] data = "x".getBytes(StandardCharsets.UTF_8);
    assertThat(Identity.verify(a.pubKey(), data, back.sign(data))).isTrue();
    assertThat(Files.readString(file)).contains("pubKey=" + a.pubKey()).contains("keep this file secret".substring(1));
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("alice.key"); // no temporary left
    }
    a.save(file); // the same identity again: nothing to do
    assertThat(Identity.load(file).pubKey()).isEqualTo(a.pubKey());
  }

  @Test
  void savingNeverOverwritesAnotherIdentity(@TempDir Path dir) {
    Path file = dir.resolve("id.key");
    Identity a = Identity.generate();
    a.save(file);
    Identity b = Identity.generate();
    assertThatThrownBy(() -> b.save(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("holds identity " + a.pubKey())
        .hasMessageContaining("refusing to overwrite");
    assertThat(Identity.load(file).pubKey()).isEqualTo(a.pubKey());
  }

  @Test
  void loadOrCreateCreatesOnceThenLoads(@TempDir Path dir) {
    Path file = dir.resolve("node/identity.key");
    Identity first = Identity.loadOrCreate(file);
    Identity second = Identity.loadOrCreate(file);
    assertThat(second.pubKey()).isEqualTo(first.pubKey());
  }

  @Test
  void racingCreatorsEndWithOneIdentity(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("identity.key");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<String>> fs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        fs.add(pool.submit(() -> {
          go.await();
          return Identity.loadOrCreate(file).pubKey();
        }));
      }
      go.countDown();
      java.util.Set<String> keys = new java.util.HashSet<>();
      for (Future<String> f : fs) {
        keys.add(f.get());
      }
      assertThat(keys).containsExactly(Identity.load(file).pubKey());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void malformedKeyFilesAreRefusedNamingTheFileAndTheProblem(@TempDir Path dir) throws Exception {
    Identity a = Identity.generate();
    String pub = "pubKey=" + a.pubKey();
    String seed = "seed=" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(a.seed());
    String otherSeed =
        "seed=" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Identity.generate().seed());
    assertRefused(dir, "absent.key", null, "does not exist");
    assertRefused(dir, "empty.key", "", "must have a 'pubKey=' line");
    assertRefused(dir, "noseed.key", pub + "\n", "must have a 'seed=' line");
    assertRefused(dir, "twice.key", pub + "\n" + pub + "\n" + seed + "\n", "line 2: pubKey appears twice");
    assertRefused(dir, "unknown.key", pub + "\nsecret=xyz\n" + seed + "\n", "line 2: must be 'pubKey=<key>' or 'seed=<seed>', found 'secret='");
    assertRefused(dir, "noequals.key", pub + "\n" + seed + "\ngarbage\n", "line 3: must be");
    assertRefused(dir, "shortseed.key", pub + "\nseed=abc\n", "seed: must be 43 base64url characters");
    assertRefused(dir, "badkey.key", "pubKey=bob\n" + seed + "\n", "pubKey = bob: must be 43");
    assertRefused(dir, "mismatch.key", pub + "\n" + otherSeed + "\n", "not the recorded pubKey " + a.pubKey());
    assertRefused(dir, "huge.key", "#".repeat(5000), "has 5000 bytes: must have at most 4096");
    // a malformed seed line is never echoed: it may be a secret
    Path leak = dir.resolve("leak.key");
    Files.writeString(leak, pub + "\nsed=" + a.pubKey() + "\n");
    assertThatThrownBy(() -> Identity.load(leak)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("sed=" + a.pubKey().substring(0, 10)));
  }

  @Test
  void commentsAndBlankLinesAreAllowed(@TempDir Path dir) throws Exception {
    Identity a = Identity.generate();
    Path file = dir.resolve("c.key");
    Files.writeString(file, "# mine\n\npubKey=" + a.pubKey() + "\r\n  seed=" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(a.seed()) + "  \n");
    assertThat(Identity.load(file).pubKey()).isEqualTo(a.pubKey());
  }

  private static void assertRefused(Path dir, String name, String content, String problem) throws Exception {
    Path file = dir.resolve(name);
    if (content != null) {
      Files.writeString(file, content);
    }
    assertThatThrownBy(() -> Identity.load(file))
        .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.file()).isEqualTo(file))
        .hasMessageStartingWith("key file " + file + ": ")
        .hasMessageContaining(problem);
    if (content != null) {
      assertThatThrownBy(() -> Identity.loadOrCreate(file)).isInstanceOf(KeyFileException.class);
    }
  }
}
