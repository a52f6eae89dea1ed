/**
 * The derived subgroups of SPEC 4.6 ({@link org.allocationcommons.core.subgroups.Subgroups}):
 * beneficiaries, providers for me, partners, active and oscillating participants. Pure functions
 * of their inputs and the current time.
 */
package org.allocationcommons.core.subgroups;
