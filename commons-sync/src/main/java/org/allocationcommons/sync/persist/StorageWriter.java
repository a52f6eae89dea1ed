package org.allocationcommons.sync.persist;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How stored files reach the disk. The default is {@link #durable()} ({@link DurableFiles}: temp
 * file, fsync, atomic rename); another one lets a test or a host put the node on a medium that fails
 * (disk full, read-only) and see it stop publishing.
 */
public interface StorageWriter {

  /**
   * Replaces {@code file}'s content with {@code bytes}, durably; on failure the old content is intact.
   *
   * @param file the file to replace
   * @param bytes the new content
   * @throws IOException if the write fails
   */
  void write(Path file, byte[] bytes) throws IOException;

  /**
   * Deletes {@code file} durably, if present.
   *
   * @param file the file to delete
   * @throws IOException if the deletion fails
   */
  void delete(Path file) throws IOException;

  /**
   * {@link DurableFiles#write} and {@link DurableFiles#delete}.
   *
   * @return the durable writer
   */
  static StorageWriter durable() {
    return DurableStorageWriter.INSTANCE;
  }
}
