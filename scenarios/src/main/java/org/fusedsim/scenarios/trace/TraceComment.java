package org.fusedsim.scenarios.trace;

/**
 * A comment line; {@code text} is what follows the {@code #}.
 *
 * @param text printable ASCII and spaces
 * @param line source line, 0 if synthesised
 */
public record TraceComment(String text, int line) implements TraceItem {}
