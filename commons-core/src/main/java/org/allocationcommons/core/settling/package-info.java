/**
 * How a commons settles (SPEC 4.4): the recipient's residual-need report and the cap a provider
 * derives from it, as pure functions, and a centralised solver that computes the fixed point the
 * distributed protocol reaches.
 */
package org.allocationcommons.core.settling;
