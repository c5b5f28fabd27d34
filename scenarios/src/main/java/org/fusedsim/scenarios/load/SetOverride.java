package org.fusedsim.scenarios.load;

/**
 * One {@code --set key=value} from the command line.
 *
 * @param source the flag it came from ({@code --set}, {@code --seed}, ...)
 * @param key a top-level key ({@code seed}) or {@code section.parameter}
 * @param value the value text, read as a YAML scalar
 * @param index which {@code --set} it was, from 1, used as the "line" of its location
 * @param valueColumn the 1-based column of the value inside the argument
 */
public record SetOverride(String source, String key, String value, int index, int valueColumn) {
  /** Longest {@code key=value} accepted; no parameter value comes near it. */
  public static final int MAX_ARG = 4096;

  /**
   * Parses {@code key=value}.
   *
   * @throws InputException if there is no {@code =} or the key is empty
   */
  public static SetOverride parse(String arg, int index) {
    if (arg.length() > MAX_ARG) {
      throw new InputException(
          new Location("--set", index, 1),
          "key=value is " + arg.length() + " characters long (at most " + MAX_ARG + ")");
    }
    int eq = arg.indexOf('=');
    if (eq <= 0) {
      throw new InputException(
          new Location("--set", index, 1),
          "expected key=value (e.g. phold.lps=2048), got '" + arg + "'");
    }
    String key = arg.substring(0, eq).strip();
    if (!key.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?")) {
      throw new InputException(
          new Location("--set", index, 1),
          "expected a key such as seed or phold.lps before '=', got '" + key + "'");
    }
    return new SetOverride("--set", key, arg.substring(eq + 1), index, eq + 2);
  }

  /** Creates an override from a dedicated flag such as {@code --seed 5}. */
  public static SetOverride ofFlag(String flag, String key, String value) {
    return new SetOverride(flag, key, value, 1, 1);
  }

  /** Returns where the value of this override is, for error messages. */
  public Location valueLocation() {
    return new Location(source, index, valueColumn);
  }
}
