package org.allocationcommons.sync.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.InvalidDocumentException;
import org.allocationcommons.sync.codec.Violation;
import org.allocationcommons.sync.document.DocumentType;
import org.allocationcommons.sync.store.Debouncer;
import org.allocationcommons.sync.store.Registration;
import org.allocationcommons.sync.store.Stores;
import org.allocationcommons.sync.store.WritableStore;
import org.allocationcommons.sync.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reactive store of one optional document, kept in one file of a {@link StorageFolder}: loaded
 * (integrity, owner and document checked, then validated) when opened, written durably after a
 * debounce on the owner's scheduler. A file that does not exist opens as an empty store ({@link
 * #foundOnOpen()} false); a file that exists but cannot be trusted throws a {@link
 * StorageException} naming it and the problem.
 *
 * <p>Acknowledgement: {@link #durable()} completes once everything set so far is on disk, and a
 * value whose {@code durable()} completed survives any crash. {@link #flushNow()} writes at once
 * and says whether that worked. A failed write fails the waiting stages and makes the store
 * {@linkplain #healthy() unhealthy} (with the {@link #failure()}) until a later write succeeds; it
 * is retried at the next change, flush or {@code durable()}; the in-memory value is never lost by
 * it. A node must not publish a document whose stamp is in a store that is not durable. Use it from
 * its scheduler's thread.
 *
 * @param <T> the document type
 */
public final class PersistentStore<T> implements WritableStore<Optional<T>> {

  private static final Logger log = LoggerFactory.getLogger(PersistentStore.class);

  private final Path file; // null: in memory
  private final String document; // null: in memory or legacy
  private final String owner; // null: in memory or legacy
  private final Codec codec;
  private final StorageWriter writer;
  private final boolean foundOnOpen;
  private final WritableStore<Optional<T>> cell;
  private final Debouncer debouncer;
  private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
  private byte[] pendingBody; // the serialised current value, when dirty and present
  private boolean dirty;
  private long writes;
  private StorageException failure;

  private PersistentStore(
      Path file, String document, String owner, Codec codec, StorageWriter writer, Optional<T> initial,
      Scheduler scheduler, Duration debounce, Consumer<RuntimeException> onListenerFailure) {
    this.file = file;
    this.document = document;
    this.owner = owner;
    this.codec = codec;
    this.writer = writer;
    this.foundOnOpen = initial.isPresent();
    this.cell = Stores.writable(initial, onListenerFailure);
    this.debouncer = Debouncer.of(scheduler, debounce, this::flushNow);
  }

  /**
   * Opens the store {@code document} of {@code owner} kept in {@code file} (see {@link
   * StorageFolder#store}, which is how a node opens its stores).
   *
   * @throws StorageException if the file exists but is corrupt, headerless, another owner's or
   *     document's, invalid, oversized or unreadable
   */
  static <T> PersistentStore<T> openChecked(
      Path file, String document, String owner, Class<T> type, Codec codec, StorageWriter writer,
      Scheduler scheduler, Duration debounce, Consumer<RuntimeException> onListenerFailure) {
    Optional<byte[]> bytes = readBounded(file, (long) codec.maxDocumentBytes() + StoreFile.MAX_HEADER_BYTES);
    Optional<T> initial = Optional.empty();
    if (bytes.isPresent()) {
      byte[] body = StoreFile.decode(file, bytes.get(), document, owner);
      T doc;
      try {
        doc = codec.read(body, type);
      } catch (InvalidDocumentException e) {
        throw new StorageException(StorageException.Problem.INVALID_DOCUMENT, file,
            "is intact but holds an invalid " + document + ": " + e.getMessage(), e);
      }
      Optional<String> named = DocumentType.namedAuthor(doc);
      if (named.isPresent() && !named.get().equals(owner)) {
        throw new StorageException(StorageException.Problem.WRONG_OWNER, file,
            "holds a " + document + " of " + named.get() + ", not of " + owner);
      }
      initial = Optional.of(doc);
    }
    return new PersistentStore<>(file, document, owner, codec, writer, initial, scheduler, debounce, onListenerFailure);
  }

  /**
   * Opens a store in today's unchecked format (plain JSON, no integrity header, no owner).
   *
   * @param <T> the document type
   * @param file the store's file
   * @param type the document class
   * @param codec reads and writes the file
   * @param scheduler where debounced writes run
   * @param debounce the delay between a change and its write
   * @param onListenerFailure receives what a listener throws
   * @return the store
   * @deprecated files of this form cannot be checked for integrity or identity (SPEC 7, "Storage");
   *     open stores through {@link StorageFolder} instead. Kept only until the node switches.
   * @throws InvalidDocumentException if the file holds an invalid document (naming field, value and
   *     rule); the file is left untouched
   * @throws UncheckedIOException if the file cannot be read
   */
  @Deprecated(forRemoval = true)
  public static <T> PersistentStore<T> open(
      Path file, Class<T> type, Codec codec, Scheduler scheduler, Duration debounce,
      Consumer<RuntimeException> onListenerFailure) {
    Optional<byte[]> bytes;
    try {
      bytes = DurableFiles.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Optional<T> initial;
    try {
      initial = bytes.map(b -> codec.read(b, type));
    } catch (InvalidDocumentException e) {
      throw new InvalidDocumentException("file " + file, e.violations());
    }
    return new PersistentStore<>(
        file, null, null, codec, StorageWriter.durable(), initial, scheduler, debounce, onListenerFailure);
  }

  /**
   * A store with the same behaviour but no file: nothing survives the process, {@link #durable()}
   * completes at once. For nodes without a storage directory (simulations, benchmarks).
   *
   * @param <T> the document type
   * @param codec validates every value set, as a file store would
   * @param scheduler where listeners run
   * @param onListenerFailure receives what a listener throws
   * @return the store
   */
  public static <T> PersistentStore<T> inMemory(
      Codec codec, Scheduler scheduler, Consumer<RuntimeException> onListenerFailure) {
    return new PersistentStore<>(
        null, null, null, codec, StorageWriter.durable(), Optional.empty(), scheduler, Duration.ZERO, onListenerFailure);
  }

  /**
   * The file this store lives in; empty for an in-memory store.
   *
   * @return the file, or empty in memory
   */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Whether the file existed (and was loaded) when the store was opened; false when it was absent.
   *
   * @return true when the file was loaded on opening
   */
  public boolean foundOnOpen() {
    return foundOnOpen;
  }

  @Override
  public Optional<T> get() {
    return cell.get();
  }

  /**
   * Sets the value (validated first, and for a file-backed store also checked to fit the codec's
   * size limit so it can be read back: either failure throws {@link InvalidDocumentException} and
   * changes nothing) and schedules a durable write.
   */
  @Override
  public void set(Optional<T> value) {
    Objects.requireNonNull(value, "value");
    value.ifPresent(codec::requireValid);
    if (value.equals(cell.get())) {
      return;
    }
    byte[] body = null;
    if (file != null && value.isPresent()) {
      body = codec.write(value.get());
      if (body.length > codec.maxDocumentBytes()) {
        throw new InvalidDocumentException(
            "stored " + (document == null ? "document" : document) + " for " + file,
            List.of(Violation.of("", body.length + " bytes",
                "must be at most " + codec.maxDocumentBytes() + " bytes (the codec's maxDocumentBytes), or it"
                    + " could not be read back")));
      }
    }
    cell.set(value);
    if (file == null) {
      return;
    }
    pendingBody = body;
    dirty = true;
    debouncer.trigger();
  }

  @Override
  public void update(UnaryOperator<Optional<T>> f) {
    set(f.apply(get()));
  }

  @Override
  public Registration subscribe(Consumer<? super Optional<T>> listener) {
    return cell.subscribe(listener);
  }

  /**
   * Completes when every value set so far is durable: at once when nothing is pending, else after
   * the pending debounced write. Completes exceptionally (with a {@link StorageException} of
   * problem {@code WRITE_FAILED}) if that write fails.
   *
   * @return a stage completing once everything set so far is durable
   */
  public CompletionStage<Void> durable() {
    if (!dirty) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiting.add(f);
    debouncer.trigger();
    return f;
  }

  /**
   * Writes the current value now if it is not yet on disk, and completes the waiting stages.
   *
   * @return whether everything set so far is durable now: false when the write failed (see {@link
   *     #failure()}); a node publishes nothing then
   */
  public boolean flushNow() {
    debouncer.cancel();
    if (!dirty) {
      completeWaiting(null);
      return true;
    }
    Optional<T> v = cell.get();
    try {
      if (v.isPresent()) {
        byte[] body = pendingBody != null ? pendingBody : codec.write(v.get());
        writer.write(file, document == null ? body : StoreFile.encode(document, owner, body));
      } else {
        writer.delete(file);
      }
      dirty = false;
      pendingBody = null;
      writes++;
      if (failure != null) {
        log.info("durable write of {} succeeded again after: {}", file, failure.getMessage());
      }
      failure = null;
      completeWaiting(null);
      return true;
    } catch (IOException | RuntimeException e) {
      failure = new StorageException(StorageException.Problem.WRITE_FAILED, file,
          "durable " + (v.isPresent() ? "write" : "delete") + " failed (" + e + "): what was set is not on"
              + " disk; retried at the next change or flush", e);
      log.error("{}", failure.getMessage(), e);
      completeWaiting(failure);
      return false;
    }
  }

  /**
   * Whether the last write succeeded (or none failed): false from a failed write to the next successful one.
   *
   * @return true unless the last write failed
   */
  public boolean healthy() {
    return failure == null;
  }

  /**
   * The failure of the last write while the store is not {@linkplain #healthy() healthy}.
   *
   * @return the last failure, or empty when healthy
   */
  public Optional<StorageException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Whether a value is set but not yet written.
   *
   * @return true when a value is waiting to be written
   */
  public boolean isDirty() {
    return dirty;
  }

  /**
   * How many durable writes this store has made.
   *
   * @return the number of durable writes
   */
  public long writes() {
    return writes;
  }

  private void completeWaiting(Throwable failure) {
    List<CompletableFuture<Void>> fs = new ArrayList<>(waiting);
    waiting.clear();
    for (CompletableFuture<Void> f : fs) {
      if (failure == null) {
        f.complete(null);
      } else {
        f.completeExceptionally(failure);
      }
    }
  }

  /** The file's content, or empty when it does not exist; refuses (unread) a file above {@code max} bytes. */
  private static Optional<byte[]> readBounded(Path file, long max) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > max) {
        throw new StorageException(StorageException.Problem.OVERSIZED, file,
            "has " + size + " bytes: must have at most " + max + " (the codec's maxDocumentBytes and a header);"
                + " not read");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read it all
      }
      return Optional.of(Arrays.copyOf(buf.array(), buf.position()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException(StorageException.Problem.UNREADABLE, file, "cannot be read: " + e, e);
    }
  }
}
