/**
 * Convergence detection (SPEC 4.5): {@link org.allocationcommons.core.convergence.Convergence}
 * compares a provider's slot denominators with the previous ones, records the largest change, and
 * decides network convergence from participants' flags. Pure functions.
 */
package org.allocationcommons.core.convergence;
