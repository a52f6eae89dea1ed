/**
 * Implementation detail of matching, not API: parsed slot keys, the three rules on keys (shared by
 * the brute-force check and the index so they cannot disagree), the interval index for time, the
 * grid for coordinates and the location buckets. May change without notice.
 */
package org.allocationcommons.core.matching.internal;
