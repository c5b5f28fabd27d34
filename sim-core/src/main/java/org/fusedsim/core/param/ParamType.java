package org.fusedsim.core.param;

import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Frequency;
import org.fusedsim.core.Time;

/**
 * The kinds of values a parameter can hold, with how each is written in a scenario file and how it
 * is compared against a range. Values with a physical unit must carry it ({@code 40ns}, not {@code
 * 40}).
 */
public enum ParamType {
  /** A whole number. Written as a YAML integer. Value: {@link Long}. */
  INTEGER("integer"),
  /** A real number. Written as a YAML number. Value: {@link Double}. */
  REAL("number"),
  /** A duration with a unit. Value: {@link Long} picoseconds. */
  TIME("duration with unit (ps, ns, us, ms, s, cycles)"),
  /** A data size with a unit. Value: {@link DataSize}. */
  SIZE("size with unit (B, KiB, MiB, GiB, KB, MB, GB)"),
  /** A data rate with a unit. Value: {@link Bandwidth}. */
  BANDWIDTH("bandwidth with unit (e.g. 2GB/s)"),
  /** A frequency with a unit. Value: {@link Frequency}. */
  FREQUENCY("frequency with unit (Hz, kHz, MHz, GHz)"),
  /** true or false. Value: {@link Boolean}. */
  BOOLEAN("true or false"),
  /** One of a fixed set of words (see {@link Parameter#choices()}). Value: {@link String}. */
  CHOICE("one of the listed words"),
  /** Free text. Value: {@link String}. */
  TEXT("text");

  private final String expected;

  ParamType(String expected) {
    this.expected = expected;
  }

  /** Returns what a user must write, for error messages. */
  public String expected() {
    return expected;
  }

  /** Returns a value of this type as a double in its base unit, for range checks. */
  double magnitude(Object value) {
    return switch (this) {
      case INTEGER, TIME -> ((Long) value).doubleValue();
      case REAL -> (Double) value;
      case SIZE -> ((DataSize) value).bytes();
      case BANDWIDTH -> ((Bandwidth) value).bytesPerSecond();
      case FREQUENCY -> ((Frequency) value).hertz();
      default -> throw new IllegalStateException(this + " has no magnitude");
    };
  }

  /** Returns whether values of this type are ordered and can have a range. */
  public boolean ordered() {
    return this != BOOLEAN && this != CHOICE && this != TEXT;
  }

  /** Formats a parsed value the way a user would write it. */
  public String format(Object value) {
    return switch (this) {
      case TIME -> Time.format((Long) value);
      default -> String.valueOf(value);
    };
  }
}
