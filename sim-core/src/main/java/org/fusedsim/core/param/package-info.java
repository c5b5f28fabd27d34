/**
 * Self-describing component parameters: one declaration per parameter drives validation of scenario
 * files, {@code fusedsim describe} and {@code docs/parameters.md}.
 */
package org.fusedsim.core.param;
