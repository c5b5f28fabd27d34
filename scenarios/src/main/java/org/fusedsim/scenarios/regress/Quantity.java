package org.fusedsim.scenarios.regress;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fusedsim.scenarios.report.Numbers;

/**
 * A number with an optional unit, as written in a bound ({@code 6us}, {@code 1.5 GB/s}, {@code
 * 0.01}). A bare number is in the metric's own unit, which is only allowed for dimensionless and
 * count metrics: {@code max: 6} of a latency would be ambiguous.
 *
 * @param value the number as written
 * @param unit its unit, or {@code null} for a bare number
 */
public record Quantity(double value, Unit unit) {
  private static final Pattern FORM =
      Pattern.compile("([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(.*)");

  /**
   * Parses a quantity from a YAML scalar.
   *
   * @return the quantity, or empty with {@code why} filled in
   */
  static Optional<Quantity> parse(Object scalar, StringBuilder why) {
    if (scalar instanceof Long l) {
      return Optional.of(new Quantity(l, null));
    }
    if (scalar instanceof Double d) {
      if (!Double.isFinite(d)) {
        why.append("expected a finite number, got '").append(scalar).append("'");
        return Optional.empty();
      }
      return Optional.of(new Quantity(d, null));
    }
    if (!(scalar instanceof String s)) {
      why.append("expected a number with a unit such as 6us, got ")
          .append(scalar == null ? "nothing" : "'" + scalar + "'");
      return Optional.empty();
    }
    Matcher m = FORM.matcher(s.strip());
    if (!m.matches()) {
      why.append("expected a number with a unit such as 6us, got '").append(s).append("'");
      return Optional.empty();
    }
    double v = Double.parseDouble(m.group(1));
    if (!Double.isFinite(v)) {
      why.append("expected a finite number, got '").append(s.strip()).append("'");
      return Optional.empty();
    }
    String u = m.group(2).strip();
    if (u.isEmpty()) {
      return Optional.of(new Quantity(v, null));
    }
    Optional<Unit> unit = Unit.parse(u);
    if (unit.isEmpty()) {
      why.append("unknown unit '")
          .append(u)
          .append("' (expected ns/us/ms/s, B/KiB/MiB, GB/s, 1, % or a count such as events)");
      return Optional.empty();
    }
    return Optional.of(new Quantity(v, unit.get()));
  }

  /**
   * Returns this quantity in the metric unit {@code target}, or empty if it does not convert.
   *
   * @param target the metric's unit
   */
  public Optional<Double> in(Unit target) {
    if (unit == null) {
      return target.physical() ? Optional.empty() : Optional.of(value);
    }
    if (!target.convertibleFrom(unit)) {
      return Optional.empty();
    }
    return Optional.of(target.convert(value, unit));
  }

  @Override
  public String toString() {
    return Numbers.human(value, 6) + (unit == null ? "" : " " + unit.symbol());
  }
}
