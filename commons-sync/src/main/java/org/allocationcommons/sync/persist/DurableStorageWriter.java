package org.allocationcommons.sync.persist;

import java.io.IOException;
import java.nio.file.Path;

/** The default {@link StorageWriter}: {@link DurableFiles}. */
enum DurableStorageWriter implements StorageWriter {
  INSTANCE;

  @Override
  public void write(Path file, byte[] bytes) throws IOException {
    DurableFiles.write(file, bytes);
  }

  @Override
  public void delete(Path file) throws IOException {
    DurableFiles.delete(file);
  }
}
