/**
 * The parts of a {@link org.allocationcommons.sync.CommonsNode}, behind its facade: own documents
 * and membership, publishing, the inbound path, the provider side, the recipient side, convergence,
 * subscriptions, and the hops onto the node's scheduler. Not an API: no compatibility promise.
 */
package org.allocationcommons.sync.internal;
