package org.allocationcommons.sync.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.InvalidDocumentException;
import org.allocationcommons.sync.store.Debouncer;
import org.allocationcommons.sync.store.Registration;
import org.allocationcommons.sync.store.Stores;
import org.allocationcommons.sync.store.WritableStore;
import org.allocationcommons.sync.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reactive store of one optional document, kept in one file: loaded (and validated) when opened,
 * written durably with {@link DurableFiles} after a debounce on the owner's scheduler.
 *
 * <p>Acknowledgement: {@link #durable()} completes once everything set so far is on disk, and a
 * value whose {@code durable()} completed survives any crash. {@link #flushNow()} writes at once.
 * A failed write is logged, fails the waiting stages, and is retried at the next change or flush;
 * the in-memory value is never lost by it. Use it from its scheduler's thread.
 *
 * @param <T> the document type
 */
public final class PersistentStore<T> implements WritableStore<Optional<T>> {

  private static final Logger log = LoggerFactory.getLogger(PersistentStore.class);

  private final Path file;
  private final Codec codec;
  private final WritableStore<Optional<T>> cell;
  private final Debouncer writer;
  private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
  private boolean dirty;
  private long writes;

  private PersistentStore(Path file, Codec codec, Optional<T> initial, Scheduler scheduler, Duration debounce,
      Consumer<RuntimeException> onListenerFailure) {
    this.file = file;
    this.codec = codec;
    this.cell = Stores.writable(initial, onListenerFailure);
    this.writer = Debouncer.of(scheduler, debounce, this::flushNow);
  }

  /**
   * Opens the store kept in {@code file}, loading its content now.
   *
   * @throws InvalidDocumentException if the file holds an invalid document (naming field, value and
   *     rule); the file is left untouched
   * @throws UncheckedIOException if the file cannot be read
   */
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
    return new PersistentStore<>(file, codec, initial, scheduler, debounce, onListenerFailure);
  }

  /**
   * A store with the same behaviour but no file: nothing survives the process, {@link #durable()}
   * completes at once. For nodes without a storage directory (simulations, benchmarks).
   */
  public static <T> PersistentStore<T> inMemory(
      Codec codec, Scheduler scheduler, Consumer<RuntimeException> onListenerFailure) {
    return new PersistentStore<>(null, codec, Optional.empty(), scheduler, Duration.ZERO, onListenerFailure);
  }

  /** The file this store lives in; empty for an in-memory store. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  @Override
  public Optional<T> get() {
    return cell.get();
  }

  /**
   * Sets the value (validated first: an invalid document throws {@link InvalidDocumentException}
   * and changes nothing) and schedules a durable write.
   */
  @Override
  public void set(Optional<T> value) {
    Objects.requireNonNull(value, "value");
    value.ifPresent(codec::requireValid);
    if (value.equals(cell.get())) {
      return;
    }
    cell.set(value);
    if (file == null) {
      return;
    }
    dirty = true;
    writer.trigger();
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
   * the pending debounced write. Completes exceptionally if that write fails.
   */
  public CompletionStage<Void> durable() {
    if (!dirty) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiting.add(f);
    writer.trigger();
    return f;
  }

  /** Writes the current value now if it is not yet on disk, and completes the waiting stages. */
  public void flushNow() {
    writer.cancel();
    if (!dirty) {
      completeWaiting(null);
      return;
    }
    Optional<T> v = cell.get();
    try {
      if (v.isPresent()) {
        DurableFiles.write(file, codec.write(v.get()));
      } else {
        DurableFiles.delete(file);
      }
      dirty = false;
      writes++;
      completeWaiting(null);
    } catch (IOException | RuntimeException e) {
      log.error("durable write of {} failed; will retry on the next change or flush", file, e);
      completeWaiting(e);
    }
  }

  /** Whether a value is set but not yet written. */
  public boolean isDirty() {
    return dirty;
  }

  /** How many durable writes this store has made. */
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
}
