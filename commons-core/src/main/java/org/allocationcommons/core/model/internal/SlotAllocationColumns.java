package org.allocationcommons.core.model.internal;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.model.Tier;

/**
 * An immutable list of {@link SlotAllocation}s kept as columns (capacity slot position, need
 * ordinal, quantity, tier) and materialised on {@link #get}: about 17 bytes per record instead of
 * about 44 for the record object and its list slot, and no records built that nobody reads (57
 * million per call at 10,000 capacity slots x 1,000,000 need slots).
 *
 * <p>The allocator hands over its arrays and never writes them again; the list does not copy
 * them, so {@code AllocationState} keeps it as it is. Records read from it are equal, not
 * identical, from one {@code get} to the next. Every record is time and location compatible (only
 * compatible pairs are allocated).
 */
public final class SlotAllocationColumns extends AbstractList<SlotAllocation> implements RandomAccess {
  private final String[] slotIds;
  private final int[] ownerOf;
  private final String[] ownerKey;
  private final NeedSlot[] need;
  private final int[] slotColumn;
  private final int[] needColumn;
  private final double[] quantityColumn;
  private final boolean[] mutualColumn;
  private final int size;

  /**
   * Takes the columns as they are, without copying: the caller must not write them afterwards.
   *
   * @param slotIds capacity slot id by slot position
   * @param ownerOf recipient index by need ordinal
   * @param ownerKey recipient pubKey by recipient index
   * @param need need slot by need ordinal
   * @param slotColumn slot position by record
   * @param needColumn need ordinal by record
   * @param quantityColumn quantity by record
   * @param mutualColumn whether given in the mutual tier, by record
   * @param size the number of records (the columns may be longer)
   * @throws IllegalArgumentException when a column is shorter than {@code size}
   */
  public SlotAllocationColumns(
      String[] slotIds,
      int[] ownerOf,
      String[] ownerKey,
      NeedSlot[] need,
      int[] slotColumn,
      int[] needColumn,
      double[] quantityColumn,
      boolean[] mutualColumn,
      int size) {
    this.slotIds = Objects.requireNonNull(slotIds, "slotIds");
    this.ownerOf = Objects.requireNonNull(ownerOf, "ownerOf");
    this.ownerKey = Objects.requireNonNull(ownerKey, "ownerKey");
    this.need = Objects.requireNonNull(need, "need");
    this.slotColumn = Objects.requireNonNull(slotColumn, "slotColumn");
    this.needColumn = Objects.requireNonNull(needColumn, "needColumn");
    this.quantityColumn = Objects.requireNonNull(quantityColumn, "quantityColumn");
    this.mutualColumn = Objects.requireNonNull(mutualColumn, "mutualColumn");
    if (size < 0
        || slotColumn.length < size
        || needColumn.length < size
        || quantityColumn.length < size
        || mutualColumn.length < size) {
      throw new IllegalArgumentException("columns shorter than size " + size);
    }
    this.size = size;
  }

  @Override
  public SlotAllocation get(int index) {
    Objects.checkIndex(index, size);
    int o = needColumn[index];
    return new SlotAllocation(
        slotIds[slotColumn[index]],
        ownerKey[ownerOf[o]],
        need[o].id(),
        quantityColumn[index],
        true,
        true,
        mutualColumn[index] ? Tier.MUTUAL : Tier.NON_MUTUAL);
  }

  /**
   * The quantity of record {@code index}, without building it.
   *
   * @param index the record's position
   * @return its quantity
   */
  public double quantity(int index) {
    Objects.checkIndex(index, size);
    return quantityColumn[index];
  }

  @Override
  public int size() {
    return size;
  }

  /** As {@link java.util.List#equals}; between two column lists without building records. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SlotAllocationColumns other)) {
      return super.equals(o);
    }
    if (other == this) {
      return true;
    }
    if (other.size != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      int a = needColumn[i];
      int b = other.needColumn[i];
      if (Double.compare(quantityColumn[i], other.quantityColumn[i]) != 0
          || mutualColumn[i] != other.mutualColumn[i]
          || !slotIds[slotColumn[i]].equals(other.slotIds[other.slotColumn[i]])
          || !ownerKey[ownerOf[a]].equals(other.ownerKey[other.ownerOf[b]])
          || !need[a].id().equals(other.need[b].id())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
