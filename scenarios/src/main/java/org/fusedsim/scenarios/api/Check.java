package org.fusedsim.scenarios.api;

/**
 * The outcome of one entry of the scenario's {@code expect:} block under one personality.
 *
 * @param metric the metric name
 * @param personality the OS personality ({@code none} for kinds without an OS)
 * @param value the measured value as text, or {@code missing}
 * @param bound the bound as text, e.g. {@code <= 6 us}
 * @param passed whether the bound held
 * @param message one line on what was checked and why it failed
 */
public record Check(
    String metric,
    String personality,
    String value,
    String bound,
    boolean passed,
    String message) {}
