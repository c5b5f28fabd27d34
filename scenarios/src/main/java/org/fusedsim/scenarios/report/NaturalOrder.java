package org.fusedsim.scenarios.report;

import java.util.Comparator;

/**
 * Orders names as people read them: runs of digits compare by value, so {@code threads_4} comes
 * before {@code threads_15}, and sizes by bytes, so {@code 512B} comes before {@code 1KiB}.
 */
public final class NaturalOrder implements Comparator<String> {
  /** The one instance. */
  public static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  private static final java.util.regex.Pattern SIZE =
      java.util.regex.Pattern.compile("(\\d{1,12})(B|KiB|MiB|GiB|TiB)");
  private static final java.util.List<String> SIZE_UNITS =
      java.util.List.of("B", "KiB", "MiB", "GiB", "TiB");

  @Override
  public int compare(String a, String b) {
    java.util.regex.Matcher sa = SIZE.matcher(a);
    java.util.regex.Matcher sb = SIZE.matcher(b);
    if (sa.matches() && sb.matches()) {
      int c = Double.compare(bytes(sa), bytes(sb));
      if (c != 0) {
        return c;
      }
    }
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int ei = i;
        while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
          ei++;
        }
        int ej = j;
        while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
          ej++;
        }
        String da = a.substring(i, ei).replaceFirst("^0+(?=.)", "");
        String db = b.substring(j, ej).replaceFirst("^0+(?=.)", "");
        int c =
            da.length() != db.length()
                ? Integer.compare(da.length(), db.length())
                : da.compareTo(db);
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }

  private static double bytes(java.util.regex.Matcher m) {
    return Long.parseLong(m.group(1)) * StrictMath.pow(1024, SIZE_UNITS.indexOf(m.group(2)));
  }
}
