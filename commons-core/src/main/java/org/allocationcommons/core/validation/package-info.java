/**
 * Jakarta Validation constraints the model needs beyond the standard ones, written against the API
 * jar only (no engine at runtime): {@link org.allocationcommons.core.validation.Finite}.
 */
package org.allocationcommons.core.validation;
