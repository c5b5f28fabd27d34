package org.fusedsim.scenarios.replay;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mount table of a replay: which path prefixes lie on the IO node's file systems (ION: served
 * over the 9P mount under FusedOS and Linux) and which are node-local. Built from {@code --mount}
 * options over the traces' {@code @mount} hints (cst-format.md: configuration overrides hints); a
 * path belongs to the longest prefix it lies below. CNK ignores the table: its kernel ships every
 * file call except those below its own local prefixes.
 */
public final class Mounts {
  /**
   * One mount.
   *
   * @param prefix the directory, without a trailing slash ({@code /} for the root)
   * @param ion whether it lies on the IO node
   * @param source where it came from: {@code --mount} or the trace file that hinted it
   */
  public record Mount(String prefix, boolean ion, String source) {
    /** Returns {@code PREFIX=ION} or {@code PREFIX=LOCAL}. */
    public String text() {
      return prefix + "=" + (ion ? "ION" : "LOCAL");
    }

    /** Returns the prefix as the VFS matches it: below the directory, not beside it. */
    public String vfsPrefix() {
      return prefix.equals("/") ? "/" : prefix + "/";
    }
  }

  /** No mounts: FusedOS and Linux serve every file call from the node's own VFS. */
  public static final Mounts NONE = new Mounts(ImmutableList.of());

  private final ImmutableList<Mount> mounts;

  private Mounts(ImmutableList<Mount> mounts) {
    this.mounts = mounts;
  }

  /**
   * Parses one {@code --mount} value, {@code PREFIX=ION} or {@code PREFIX=LOCAL}.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public static Mount parse(String text, String source) {
    int eq = text.lastIndexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException(
          "expected PREFIX=ION or PREFIX=LOCAL, found '" + text + "'");
    }
    return new Mount(normalize(text.substring(0, eq)), ion(text.substring(eq + 1)), source);
  }

  /** Parses a class name, ION or LOCAL (any case). */
  static boolean ion(String cls) {
    switch (cls.toUpperCase(Locale.ROOT)) {
      case "ION":
        return true;
      case "LOCAL":
        return false;
      default:
        throw new IllegalArgumentException("class: expected ION or LOCAL, found '" + cls + "'");
    }
  }

  /** Returns an absolute prefix without trailing slashes. */
  static String normalize(String prefix) {
    if (!prefix.startsWith("/")) {
      throw new IllegalArgumentException(
          "prefix: expected an absolute path such as /gpfs, found '" + prefix + "'");
    }
    String p = prefix;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /**
   * Builds the table: {@code config} first, then each trace's hints for prefixes not configured
   * (the first trace to hint a prefix wins).
   */
  public static Mounts of(List<Mount> config, List<LoadedTrace> traces) {
    Map<String, Mount> byPrefix = new TreeMap<>();
    for (Mount m : config) {
      byPrefix.put(m.prefix(), m);
    }
    for (LoadedTrace t : traces) {
      for (Mount m : t.mountHints()) {
        byPrefix.putIfAbsent(m.prefix(), m);
      }
    }
    return new Mounts(ImmutableList.copyOf(byPrefix.values()));
  }

  /** Returns the mounts sorted by prefix. */
  public ImmutableList<Mount> all() {
    return mounts;
  }

  /** Returns whether any mount lies on the IO node. */
  public boolean anyIon() {
    for (Mount m : mounts) {
      if (m.ion()) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether {@code path} lies on the IO node: its longest matching mount is ION. */
  public boolean onIon(String path) {
    Mount best = null;
    for (Mount m : mounts) {
      if (path.startsWith(m.vfsPrefix())
          && (best == null || m.prefix().length() > best.prefix().length())) {
        best = m;
      }
    }
    return best != null && best.ion();
  }

  /** Returns the mounts as {@code PREFIX=CLASS} texts. */
  public List<String> texts() {
    List<String> out = new ArrayList<>();
    for (Mount m : mounts) {
      out.add(m.text());
    }
    return out;
  }
}
