/**
 * Implementation detail of the model, not API: {@code SlotAllocationColumns}, the allocator's
 * records kept as columns behind a {@code List<SlotAllocation>}. May change without notice.
 */
package org.allocationcommons.core.model.internal;
