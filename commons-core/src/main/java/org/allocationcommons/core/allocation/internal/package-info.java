/**
 * Implementation detail of allocation, not API: the two ways of splitting a tier's capacity
 * (proportional with the original's denominator floor, and water-filling). May change without
 * notice.
 */
package org.allocationcommons.core.allocation.internal;
