/**
 * Recipient-side adaptive damping (SPEC 4.4): {@link org.allocationcommons.core.damping.Damping}
 * keeps a short, time-stamped history of over-allocation and derives the factor that scales the
 * recipient's active need. Pure functions; the current time is an argument.
 */
package org.allocationcommons.core.damping;
