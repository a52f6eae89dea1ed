package org.allocationcommons.sync.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

  @Test
  void writeReplacesTheWholeContentAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("state.json");
    assertThat(DurableFiles.read(file)).isEmpty();
    DurableFiles.write(file, bytes("first, and longer than the second"));
    DurableFiles.write(file, bytes("second"));
    assertThat(new String(DurableFiles.read(file).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("second");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("state.json");
    }
    DurableFiles.delete(file);
    assertThat(DurableFiles.read(file)).isEmpty();
  }

  @Test
  void aStrayTemporaryOfTheOldFixedNameDoesNotBlockWrites(@TempDir Path dir) throws Exception {
    // Another process's (or a crashed run's) temporary must never be reused: here it is even a directory.
    Path file = dir.resolve("state.json");
    Files.createDirectory(dir.resolve("state.json.tmp"));
    DurableFiles.write(file, bytes("ok"));
    assertThat(new String(DurableFiles.read(file).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("ok");
  }

  @Test
  void concurrentWritersNeverProduceAMixOfTwoContents(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("shared.json");
    int writers = 4;
    int writesEach = 50;
    Set<String> written = ConcurrentHashMap.newKeySet();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int id = w;
        fs.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < writesEach; i++) {
            // different lengths, so an interleaving of two writes into one file would show
            String content = ("writer " + id + " write " + i + " ").repeat(1 + (id * 7 + i) % 40);
            written.add(content);
            DurableFiles.write(file, bytes(content));
            DurableFiles.read(file).ifPresent(b -> seen.add(new String(b, StandardCharsets.UTF_8)));
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(written).containsAll(seen);
    assertThat(written).contains(new String(DurableFiles.read(file).orElseThrow(), StandardCharsets.UTF_8));
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("shared.json");
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
