package org.allocationcommons.sync.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.document.DocumentType;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.sync.persist.PersistentStore;
import org.allocationcommons.sync.persist.StorageException;
import org.allocationcommons.sync.persist.StorageFolder;
import org.allocationcommons.sync.time.Scheduler;

/**
 * A node's own documents and membership, durable when the node has a storage directory: the
 * commitment, recognition weights and allocation state it publishes, and the {@link Membership}
 * holding its ITC stamp. Owns the stamp rules: {@link #tick} before publishing, {@link #merge} after
 * accepting a peer's document, and {@link #durableNow} before anything carrying the stamp leaves.
 * Used on the node's scheduler only.
 */
public final class OwnDocuments {

  /** Store names; on a restart every one must be present (a missing file is an error, never a reset). */
  static final List<String> REQUIRED = List.of("membership");

  private final Optional<StorageFolder> folder;
  private final PersistentStore<Membership> membership;
  private final PersistentStore<Commitment> commitment;
  private final PersistentStore<RecognitionWeights> weights;
  private final PersistentStore<AllocationState> state;

  private OwnDocuments(
      Optional<StorageFolder> folder,
      PersistentStore<Membership> membership,
      PersistentStore<Commitment> commitment,
      PersistentStore<RecognitionWeights> weights,
      PersistentStore<AllocationState> state) {
    this.folder = folder;
    this.membership = membership;
    this.commitment = commitment;
    this.weights = weights;
    this.state = state;
  }

  /**
   * Opens {@code owner}'s documents in {@code directory} (checked files, stray temporaries removed,
   * a missing membership next to other documents refused), or in memory when the directory is
   * empty.
   *
   * @throws StorageException naming the file when a file is corrupt, another participant's, or
   *     missing
   */
  public static OwnDocuments open(
      Optional<Path> directory, String owner, Codec codec, Scheduler scheduler, Duration debounce,
      Consumer<RuntimeException> onListenerFailure) {
    if (directory.isEmpty()) {
      return new OwnDocuments(
          Optional.empty(),
          PersistentStore.inMemory(codec, scheduler, onListenerFailure),
          PersistentStore.inMemory(codec, scheduler, onListenerFailure),
          PersistentStore.inMemory(codec, scheduler, onListenerFailure),
          PersistentStore.inMemory(codec, scheduler, onListenerFailure));
    }
    StorageFolder f =
        StorageFolder.builder(directory.get(), owner, codec, scheduler)
            .debounce(debounce)
            .onListenerFailure(onListenerFailure)
            .open();
    f.requireComplete(REQUIRED);
    return new OwnDocuments(
        Optional.of(f),
        f.store("membership", Membership.class),
        f.store("commitment", Commitment.class),
        f.store("recognitionWeights", RecognitionWeights.class),
        f.store("allocationState", AllocationState.class));
  }

  /** Whether nothing was stored before (no storage directory, or an empty one). */
  public boolean fresh() {
    return folder.map(StorageFolder::freshOnOpen).orElse(true);
  }

  public PersistentStore<Membership> membership() {
    return membership;
  }

  public PersistentStore<Commitment> commitment() {
    return commitment;
  }

  public PersistentStore<RecognitionWeights> weights() {
    return weights;
  }

  public PersistentStore<AllocationState> state() {
    return state;
  }

  /** The membership; present from construction of the node on. */
  public Membership member() {
    return membership.get().orElseThrow();
  }

  /** The current stamp. */
  public Stamp stamp() {
    return member().itcStamp();
  }

  /** Whether this node owns an ITC id, so it may publish. */
  public boolean isMember() {
    return membership.get().isPresent() && !stamp().isAnonymous();
  }

  /** Records an event and returns the new stamp (not yet durable: see {@link #durableNow}). */
  public Stamp tick() {
    Stamp s = stamp().event();
    membership.set(Optional.of(member().withStamp(s)));
    return s;
  }

  /**
   * Learns what another participant's document knows ({@link Stamp#learnFrom}: never more of this
   * node's own events than it recorded, so a hostile stamp cannot exhaust its counters).
   */
  public void learn(Stamp peer) {
    set(member().itcStamp().learnFrom(peer));
  }

  /** Joins all that a copy of this node's own document knows (signed by its key: a lost folder's events). */
  public void merge(Stamp own) {
    set(member().itcStamp().join(own.peek()));
  }

  private void set(Stamp next) {
    Membership m = member();
    if (!next.equals(m.itcStamp())) {
      membership.set(Optional.of(m.withStamp(next)));
    }
  }

  /** Joins into {@code s} what this node's stored documents know (a crash may have split their writes). */
  public Stamp recovered(Stamp s) {
    Stamp out = s;
    for (Optional<?> doc : List.of(commitment.get(), weights.get(), state.get())) {
      if (doc.isPresent()) {
        out = out.join(DocumentType.stampOf(doc.get()).peek());
      }
    }
    return out;
  }

  /**
   * Writes everything pending now.
   *
   * @return whether everything set so far is durable: false when a write failed, and then nothing
   *     carrying the current stamp may be published
   */
  public boolean durableNow() {
    boolean ok = true;
    for (PersistentStore<?> s : stores()) {
      ok &= s.flushNow();
    }
    return ok && stores().stream().noneMatch(PersistentStore::isDirty);
  }

  /** The failure of the first store whose last write failed. */
  public Optional<StorageException> failure() {
    return stores().stream().map(PersistentStore::failure).flatMap(Optional::stream).findFirst();
  }

  /** Completes when everything set so far is durable; fails if a write fails. */
  public CompletionStage<Void> durable() {
    return CompletableFuture.allOf(
        stores().stream().map(s -> s.durable().toCompletableFuture()).toArray(CompletableFuture[]::new));
  }

  private List<PersistentStore<?>> stores() {
    return List.of(membership, commitment, weights, state);
  }
}
