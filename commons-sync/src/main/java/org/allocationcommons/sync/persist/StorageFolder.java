package org.allocationcommons.sync.persist;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.store.Stores;
import org.allocationcommons.sync.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant's storage directory: opens its stores ({@code <name>.json} each), checks that
 * every file is intact and belongs to that participant, that none the node needs is missing, and
 * removes the temporary files an earlier crash left behind (SPEC 7, "Storage"). It also gathers the
 * stores' health, so a node can refuse to publish when storage fails ("Durability").
 *
 * <p>Opening a folder creates the directory if needed and removes stray temporaries at once; the
 * node then opens each store with {@link #store}, and calls {@link #requireComplete} with the names
 * that must exist whenever the folder holds anything (a deleted {@code membership.json} next to a
 * {@code commitment.json} is an error, not a fresh start). Use it from the node's scheduler thread.
 */
public final class StorageFolder {

  private static final Logger log = LoggerFactory.getLogger(StorageFolder.class);

  /** Temporaries of {@link DurableFiles} ({@code <name>.<digits>.tmp}) and of earlier fixed names ({@code <name>.json.tmp}). */
  private static final Pattern TEMPORARY = Pattern.compile(".+\\.[0-9]+\\.tmp|.+\\.json\\.tmp");
  private static final Pattern STORE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String SUFFIX = ".json";

  private final Path dir;
  private final String owner;
  private final Codec codec;
  private final Scheduler scheduler;
  private final Duration debounce;
  private final Consumer<RuntimeException> onListenerFailure;
  private final StorageWriter writer;
  private final Set<String> presentOnOpen;
  private final List<Path> removedTemporaries;
  private final Map<String, PersistentStore<?>> stores = new LinkedHashMap<>();

  private StorageFolder(Builder b, Set<String> presentOnOpen, List<Path> removedTemporaries) {
    this.dir = b.dir;
    this.owner = b.owner;
    this.codec = b.codec;
    this.scheduler = b.scheduler;
    this.debounce = b.debounce;
    this.onListenerFailure = b.onListenerFailure;
    this.writer = b.writer;
    this.presentOnOpen = presentOnOpen;
    this.removedTemporaries = removedTemporaries;
  }

  /**
   * A builder for {@code owner}'s folder {@code dir}, whose stores use {@code codec} and write on
   * {@code scheduler}.
   *
   * @param owner the participant's public key, recorded in and checked against every file
   * @param dir the folder's directory
   * @param codec reads and writes the stores' files
   * @param scheduler where debounced writes run
   * @return the builder
   */
  public static Builder builder(Path dir, String owner, Codec codec, Scheduler scheduler) {
    return new Builder(dir, owner, codec, scheduler);
  }

  /**
   * The directory.
   *
   * @return the directory
   */
  public Path directory() {
    return dir;
  }

  /**
   * The participant the folder belongs to.
   *
   * @return the owner's public key
   */
  public String owner() {
    return owner;
  }

  /**
   * The store names whose files existed when the folder was opened, sorted.
   *
   * @return the names of the stores found
   */
  public Set<String> presentOnOpen() {
    return presentOnOpen;
  }

  /**
   * Whether the folder held no store file when opened (a first start).
   *
   * @return true when no store file was found
   */
  public boolean freshOnOpen() {
    return presentOnOpen.isEmpty();
  }

  /**
   * The stray temporary files removed when the folder was opened.
   *
   * @return the removed files
   */
  public List<Path> removedTemporaries() {
    return removedTemporaries;
  }

  /**
   * Opens the store {@code name} ({@code <name>.json}) holding documents of {@code type}: empty
   * when the file is absent ({@link PersistentStore#foundOnOpen()} tells), loaded when it is intact.
   *
   * @param <T> the document type
   * @param name the store name
   * @param type the document class
   * @return the store
   * @throws StorageException naming the file if it is corrupt, headerless, another participant's or
   *     another document's, invalid, oversized or unreadable
   * @throws IllegalArgumentException if {@code name} is not 1 to 64 of {@code A-Z a-z 0-9 _ -}
   * @throws IllegalStateException if the store is already open
   */
  public <T> PersistentStore<T> store(String name, Class<T> type) {
    Objects.requireNonNull(type, "type");
    requireName(name);
    if (stores.containsKey(name)) {
      throw new IllegalStateException("store '" + name + "' of " + dir + " is already open");
    }
    PersistentStore<T> s =
        PersistentStore.openChecked(
            file(name), name, owner, type, codec, writer, scheduler, debounce, onListenerFailure);
    stores.put(name, s);
    return s;
  }

  /**
   * Checks that when the folder held any store file at opening, it held every one of {@code
   * required}: on a first start nothing is required, afterwards a missing file is an error (never a
   * silent reset).
   *
   * @param required the names of the stores that must exist
   * @throws StorageException of problem {@code MISSING} naming the first missing file and the files
   *     that are there
   */
  public void requireComplete(Collection<String> required) {
    if (presentOnOpen.isEmpty()) {
      return;
    }
    for (String name : required) {
      requireName(name);
      if (!presentOnOpen.contains(name)) {
        throw new StorageException(StorageException.Problem.MISSING, file(name),
            "is missing while " + dir + " holds " + presentOnOpen.stream().map(n -> n + SUFFIX).toList()
                + ": it was deleted or lost; restore it (a node cannot safely start without it)");
      }
    }
  }

  /**
   * Writes every store's pending value now.
   *
   * @return whether everything set in every store is durable: false if any write failed
   */
  public boolean flushAll() {
    boolean ok = true;
    for (PersistentStore<?> s : stores.values()) {
      ok &= s.flushNow();
    }
    return ok;
  }

  /**
   * Completes when everything set so far in every store is durable; fails if a write fails.
   *
   * @return a stage completing once everything set so far is durable
   */
  public CompletionStage<Void> durable() {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (PersistentStore<?> s : stores.values()) {
      all.add(s.durable().toCompletableFuture());
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  /**
   * Whether no store's last write failed.
   *
   * @return true unless some store's last write failed
   */
  public boolean healthy() {
    return stores.values().stream().allMatch(PersistentStore::healthy);
  }

  /**
   * The failure of the first unhealthy store, if any.
   *
   * @return the first failure, or empty when healthy
   */
  public Optional<StorageException> failure() {
    return stores.values().stream().map(PersistentStore::failure).flatMap(Optional::stream).findFirst();
  }

  private Path file(String name) {
    return dir.resolve(name + SUFFIX);
  }

  private static void requireName(String name) {
    if (name == null || !STORE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "store name = " + name + ": must be 1 to 64 characters of A-Z a-z 0-9 _ -");
    }
  }

  /** Configures and opens a {@link StorageFolder}. */
  public static final class Builder {
    private final Path dir;
    private final String owner;
    private final Codec codec;
    private final Scheduler scheduler;
    private Duration debounce = Duration.ofMillis(50);
    private Consumer<RuntimeException> onListenerFailure = Stores.LOG_FAILURES;
    private StorageWriter writer = StorageWriter.durable();

    private Builder(Path dir, String owner, Codec codec, Scheduler scheduler) {
      this.dir = Objects.requireNonNull(dir, "dir");
      this.owner = Objects.requireNonNull(owner, "owner");
      if (!StoreFile.NAME.matcher(owner).matches()) {
        throw new IllegalArgumentException(
            "owner = " + owner + ": must be a participant key (1 to 128 of A-Z a-z 0-9 _ - .)");
      }
      this.codec = Objects.requireNonNull(codec, "codec");
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Delay between a change and its durable write. Default 50 ms.
     *
     * @param delay the debounce delay
     * @return this builder
     */
    public Builder debounce(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("debounce = " + delay + ": must not be negative");
      }
      this.debounce = delay;
      return this;
    }

    /**
     * Where failing store listeners are reported. Default: logged.
     *
     * @param handler receives what a listener throws
     * @return this builder
     */
    public Builder onListenerFailure(Consumer<RuntimeException> handler) {
      this.onListenerFailure = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * How files reach the disk. Default {@link StorageWriter#durable()}.
     *
     * @param writer how files are written and deleted
     * @return this builder
     */
    public Builder writer(StorageWriter writer) {
      this.writer = Objects.requireNonNull(writer, "writer");
      return this;
    }

    /**
     * Creates the directory if needed, removes stray temporaries and notes which store files exist.
     *
     * @return the opened folder
     * @throws StorageException of problem {@code UNREADABLE} if the directory cannot be created or
     *     listed, or a temporary cannot be removed
     */
    public StorageFolder open() {
      Set<String> present = new TreeSet<>();
      List<Path> removed = new ArrayList<>();
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new StorageException(StorageException.Problem.UNREADABLE, dir, "cannot be created: " + e, e);
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path p : ds) {
          String n = p.getFileName().toString();
          if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          if (TEMPORARY.matcher(n).matches()) {
            Files.deleteIfExists(p);
            removed.add(p);
          } else if (n.endsWith(SUFFIX)) {
            present.add(n.substring(0, n.length() - SUFFIX.length()));
          }
        }
      } catch (IOException e) {
        throw new StorageException(StorageException.Problem.UNREADABLE, dir,
            "cannot be listed or cleaned of temporaries: " + e, e);
      }
      if (!removed.isEmpty()) {
        log.info("{}: removed {} temporary file(s) an earlier run left behind: {}", dir, removed.size(), removed);
      }
      return new StorageFolder(
          this, Collections.unmodifiableSet(present), List.copyOf(removed));
    }
  }
}
