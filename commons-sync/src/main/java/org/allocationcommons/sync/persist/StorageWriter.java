package org.allocationcommons.sync.persist;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How stored files reach the disk. The default is {@link #durable()} ({@link DurableFiles}: temp
 * file, fsync, atomic rename); another one lets a test or a host put the node on a medium that fails
 * (disk full, read-only) and see it stop publishing.
 */
public interface StorageWriter {

  /** Replaces {@code file}'s content with {@code bytes}, durably; on failure the old content is intact. */
  void write(Path file, byte[] bytes) throws IOException;

  /** Deletes {@code file} durably, if present. */
  void delete(Path file) throws IOException;

  /** {@link DurableFiles#write} and {@link DurableFiles#delete}. */
  static StorageWriter durable() {
    return DurableStorageWriter.INSTANCE;
  }
}
