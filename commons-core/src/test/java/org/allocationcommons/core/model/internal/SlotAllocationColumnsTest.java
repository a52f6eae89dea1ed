package org.allocationcommons.core.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.model.Tier;
import org.junit.jupiter.api.Test;

class SlotAllocationColumnsTest {

  private final String[] slotIds = {"a1", "a2"};
  private final int[] ownerOf = {0, 0, 1};
  private final String[] ownerKey = {"A", "B"};
  private final NeedSlot[] needs = {
    NeedSlot.of("A-n1", "need", 3), NeedSlot.of("A-n2", "need", 3), NeedSlot.of("B-n1", "need", 3)
  };

  // longer than size: the allocator hands over its growable arrays as they are
  private SlotAllocationColumns columns() {
    return new SlotAllocationColumns(
        slotIds,
        ownerOf,
        ownerKey,
        needs,
        new int[] {0, 0, 1, 9},
        new int[] {0, 2, 1, 9},
        new double[] {1.5, 2.0, 0.25, 9},
        new boolean[] {true, false, true, false},
        3);
  }

  @Test
  void readsAsTheRecordsItHolds() {
    List<SlotAllocation> expected =
        List.of(
            new SlotAllocation("a1", "A", "A-n1", 1.5, true, true, Tier.MUTUAL),
            new SlotAllocation("a1", "B", "B-n1", 2.0, true, true, Tier.NON_MUTUAL),
            new SlotAllocation("a2", "A", "A-n2", 0.25, true, true, Tier.MUTUAL));
    SlotAllocationColumns columns = columns();
    assertThat(columns).hasSize(3).containsExactlyElementsOf(expected);
    assertThat(columns).isEqualTo(expected);
    assertThat(columns.hashCode()).isEqualTo(expected.hashCode());
    assertThat(columns.quantity(1)).isEqualTo(2.0);
  }

  @Test
  void twoColumnListsAreEqualWhenTheirRecordsAre() {
    // the same records through other arrays: slot and need positions differ, ids do not
    SlotAllocationColumns same =
        new SlotAllocationColumns(
            new String[] {"a2", "a1"},
            new int[] {0, 1, 1},
            new String[] {"B", "A"},
            new NeedSlot[] {needs[2], needs[0], needs[1]},
            new int[] {1, 1, 0},
            new int[] {1, 0, 2},
            new double[] {1.5, 2.0, 0.25},
            new boolean[] {true, false, true},
            3);
    assertThat(same).isEqualTo(columns());
    assertThat(same.hashCode()).isEqualTo(columns().hashCode());
    assertThat(columns()).isEqualTo(List.copyOf(same)).isNotEqualTo(same.subList(0, 2));
    // one field differs in each
    assertThat(changed(new int[] {0, 0, 0}, new int[] {0, 2, 1}, new double[] {1.5, 2.0, 0.25}, true))
        .isNotEqualTo(columns());
    assertThat(changed(new int[] {0, 0, 1}, new int[] {0, 2, 0}, new double[] {1.5, 2.0, 0.25}, true))
        .isNotEqualTo(columns());
    assertThat(changed(new int[] {0, 0, 1}, new int[] {1, 2, 1}, new double[] {1.5, 2.0, 0.25}, true))
        .isNotEqualTo(columns());
    assertThat(changed(new int[] {0, 0, 1}, new int[] {0, 2, 1}, new double[] {1.5, 2.5, 0.25}, true))
        .isNotEqualTo(columns());
    assertThat(changed(new int[] {0, 0, 1}, new int[] {0, 2, 1}, new double[] {1.5, 2.0, 0.25}, false))
        .isNotEqualTo(columns());
    assertThat(changed(new int[] {0, 0, 1}, new int[] {0, 2, 1}, new double[] {1.5, 2.0, 0.25}, true))
        .isEqualTo(columns());
  }

  private SlotAllocationColumns changed(int[] slot, int[] need, double[] qty, boolean lastMutual) {
    return new SlotAllocationColumns(
        slotIds, ownerOf, ownerKey, needs, slot, need, qty, new boolean[] {true, false, lastMutual}, 3);
  }

  @Test
  void endsAtItsSizeAndCannotBeChanged() {
    SlotAllocationColumns columns = columns();
    assertThatThrownBy(() -> columns.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> columns.quantity(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> columns.add(columns.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> columns.set(0, columns.get(1)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> columns.remove(0)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsColumnsShorterThanItsSize() {
    assertThatThrownBy(
            () ->
                new SlotAllocationColumns(
                    slotIds, ownerOf, ownerKey, needs, new int[1], new int[2], new double[2],
                    new boolean[2], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size 2");
  }
}
