package org.allocationcommons.sync.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Crash-safe whole-file writes: the bytes go to a new temporary file in the same directory (a
 * unique name per write, so two writers never share one), are forced
 * to the device ({@link FileChannel#force(boolean) force(true)}), and the file is atomically renamed
 * over the target ({@link StandardCopyOption#ATOMIC_MOVE}); then the directory itself is forced so the
 * rename survives a power loss (where the platform allows opening a directory; elsewhere that step
 * is skipped). A reader therefore sees either the old or the new content, never a mix.
 */
public final class DurableFiles {

  private static final String TMP_SUFFIX = ".tmp";

  private DurableFiles() {}

  /**
   * Replaces {@code file}'s content with {@code bytes} durably and atomically.
   *
   * @param file the file to replace
   * @param bytes the new content
   * @throws IOException if any step fails; the previous content is then intact
   */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName() + ".", TMP_SUFFIX);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(tmp);
      throw new IOException("the file system of " + dir + " cannot rename atomically; refusing a non-atomic write", e);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    forceDirectory(dir);
  }

  /**
   * Deletes {@code file} durably, if present.
   *
   * @param file the file to delete
   * @throws IOException if the deletion or the directory sync fails
   */
  public static void delete(Path file) throws IOException {
    if (Files.deleteIfExists(file)) {
      forceDirectory(file.toAbsolutePath().getParent());
    }
  }

  /**
   * The content of {@code file}, or empty when it does not exist. A leftover temporary file is ignored.
   *
   * @param file the file to read
   * @return the content, or empty when the file does not exist
   * @throws IOException if the file exists but cannot be read
   */
  public static Optional<byte[]> read(Path file) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
    }
  }
}
