package org.fusedsim.cl;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.fusedsim.spc.CnkRoute;
import org.fusedsim.spc.Syscall;

/**
 * The per-call routing table as data ({@code routing.tsv}, transcribed from syscalls.md section
 * 7.3), the one source both of how a node serves a call and of the class a report gives it: for
 * each call how CNK serves it, what the released CL does, the proposed class of the {@code
 * fusedos-cnkcompat} profile, and how Linux serves it on a Linux node. File calls are classed per
 * call from the path: CNK's prefix rule for the CNK baseline, and the 9P mount prefixes ({@code
 * VFS} or {@code ION}) for FusedOS and Linux.
 *
 * <p>The served class of a call under each personality is {@link #fusedos}, {@link #cnkClass} and
 * {@link #linuxClass}; the nodes dispatch on them and count what they served by them, and replay,
 * convert and the scenario checks class calls by the same methods ({@link #cell} for the table's
 * own vocabulary).
 */
public final class RoutingTable {
  /** The table's columns: the profiles a call is classed under. */
  public static final ImmutableList<String> COLUMNS =
      ImmutableList.of("fusedos-released", "fusedos-cnkcompat", "cnk", "linux");

  /** A row; the routes are worked out when the table is read (null: by path, VFS or ION). */
  private record Row(
      String cnk,
      String released,
      String proposed,
      String linux,
      Route releasedRoute,
      Route proposedRoute,
      Route linuxRoute) {}

  private static final Route UNKNOWN_RELEASED = new Route(ServiceClass.UNS, Route.ENOSYS, true);
  private static final Route UNKNOWN_PROPOSED = new Route(ServiceClass.UNS, Route.ENOSYS, false);
  private static final Route ION = Route.of(ServiceClass.ION);
  private static final Route VFS = Route.of(ServiceClass.VFS);

  private static final ImmutableList<String> CNK_LOCAL_PREFIXES =
      ImmutableList.of("/dev/shm/", "/dev/persist/", "/dev/local/", "/proc/");

  private final ImmutableSortedMap<String, Row> rows;
  // hashed view for the per-call lookups; the sorted map gives the listing order
  private final ImmutableMap<String, Row> byName;

  private RoutingTable(ImmutableSortedMap<String, Row> rows) {
    this.rows = rows;
    this.byName = ImmutableMap.copyOf(rows);
  }

  /** Loads the table shipped with cl-proxy. */
  public static RoutingTable load() {
    try (InputStream in = RoutingTable.class.getResourceAsStream("routing.tsv")) {
      if (in == null) {
        throw new IllegalStateException("routing.tsv missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the table text. */
  static RoutingTable parse(String text) {
    ImmutableSortedMap.Builder<String, Row> b = ImmutableSortedMap.naturalOrder();
    for (String line : Splitter.on('\n').split(text)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> f = Splitter.on('\t').splitToList(line);
      if (f.size() != 5) {
        throw new IllegalArgumentException("routing.tsv: 5 columns expected: " + line);
      }
      cnkCell(f.get(1));
      Row r =
          new Row(
              f.get(1),
              f.get(2),
              f.get(3),
              f.get(4),
              cellRoute(f.get(2)),
              cellRoute(f.get(3)),
              linuxRoute(f.get(4)));
      for (String name : Splitter.on(',').trimResults().split(f.get(0))) {
        b.put(name, r);
      }
    }
    return new RoutingTable(b.buildOrThrow());
  }

  /** Returns the call names the table knows, sorted. */
  public ImmutableList<String> names() {
    return rows.keySet().asList();
  }

  /** Returns whether the table has a row for {@code name}. */
  public boolean knows(String name) {
    return byName.containsKey(name);
  }

  /** Returns whether CNK serves a file call on {@code path} on the node (its local prefixes). */
  public static boolean cnkLocal(String path) {
    for (String p : CNK_LOCAL_PREFIXES) {
      if (path.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Returns how CNK serves {@code call}; calls the table does not know return ENOSYS. */
  public CnkRoute cnk(Syscall call) {
    Row r = byName.get(call.name());
    if (r == null) {
      return CnkRoute.ENOSYS;
    }
    return switch (r.cnk()) {
      case "BYPATH" -> cnkByPath(call) ? CnkRoute.LOCAL : CnkRoute.SHIP;
      // an x86-64 start-up call a trace kept: CNK would not see it; served as a trivial local call
      case "DROP" -> CnkRoute.LOCAL;
      default -> CnkRoute.valueOf(r.cnk());
    };
  }

  /** Whether a file call CNK routes by path stays on the node (stdio goes to stdiod). */
  private static boolean cnkByPath(Syscall call) {
    boolean stdio = call.fd() >= 0 && call.fd() <= 2;
    return !stdio && cnkLocal(call.path());
  }

  /**
   * Returns the class CNK serves {@code call} in: CL (in the CNK kernel), VFS (a file call on one
   * of CNK's local file systems), ION (shipped to sysiod or stdiod), UNS (an error) or DROP.
   */
  public ServiceClass cnkClass(Syscall call) {
    Row r = byName.get(call.name());
    if (r == null) {
      return ServiceClass.UNS;
    }
    return switch (r.cnk()) {
      case "LOCAL" -> ServiceClass.CL;
      case "SHIP" -> ServiceClass.ION;
      case "BYPATH" -> cnkByPath(call) ? ServiceClass.VFS : ServiceClass.ION;
      case "DROP" -> ServiceClass.DROP;
      default -> ServiceClass.UNS;
    };
  }

  /**
   * Returns how FusedOS serves {@code call} under {@code profile}.
   *
   * @param onIon whether a path lies on the 9P mount (decides VFS or ION for file calls)
   */
  public Route fusedos(Syscall call, Profile profile, Predicate<String> onIon) {
    Row r = byName.get(call.name());
    boolean released = profile == Profile.FUSEDOS_RELEASED;
    if (r == null) {
      return released ? UNKNOWN_RELEASED : UNKNOWN_PROPOSED;
    }
    Route fixed = released ? r.releasedRoute() : r.proposedRoute();
    return fixed != null ? fixed : fileClass(call, onIon);
  }

  /**
   * Returns how a Linux node serves {@code call}: LNX, VFS, a file call by path (VFS or ION), DROP;
   * a name the table does not know is UNS (Linux returns ENOSYS for a number it has no entry for).
   */
  public Route linux(Syscall call, Predicate<String> onIon) {
    Row r = byName.get(call.name());
    if (r == null) {
      return UNKNOWN_PROPOSED;
    }
    return r.linuxRoute() != null ? r.linuxRoute() : fileClass(call, onIon);
  }

  /** Returns the class a Linux node serves {@code call} in ({@link #linux}). */
  public ServiceClass linuxClass(Syscall call, Predicate<String> onIon) {
    return linux(call, onIon).cls();
  }

  /**
   * Returns the table's cell for {@code name} under {@code column} (one of {@link #COLUMNS}) in the
   * class vocabulary of the reports: CL, LNX, VFS, ION, FILE (VFS or ION by path), DROP,
   * UNS:&lt;errno&gt; or UNS:ABORT; null if the table does not list the name.
   */
  public String cell(String column, String name) {
    Row r = byName.get(name);
    if (r == null) {
      return null;
    }
    return switch (column) {
      case "fusedos-released" -> fusedosCell(r.released());
      case "fusedos-cnkcompat" -> fusedosCell(r.proposed());
      case "cnk" ->
          switch (r.cnk()) {
            case "LOCAL" -> "CL";
            case "SHIP" -> "ION";
            case "BYPATH" -> "FILE";
            case "DROP" -> "DROP";
            default -> "UNS:" + r.cnk();
          };
      case "linux" -> r.linux();
      default -> throw new IllegalArgumentException("unknown column " + column);
    };
  }

  private static String fusedosCell(String cell) {
    return switch (cell) {
      case "ENOSYS", "EINVAL", "EPERM", "ABORT" -> "UNS:" + cell;
      default -> cell;
    };
  }

  private static void cnkCell(String cell) {
    switch (cell) {
      case "LOCAL", "SHIP", "BYPATH", "ENOSYS", "EINVAL", "EPERM", "DROP" -> {}
      default -> throw new IllegalArgumentException("routing.tsv: bad CNK cell " + cell);
    }
  }

  /** Returns the route of a FusedOS cell, or null for a file call routed by its path. */
  private static Route cellRoute(String cell) {
    return switch (cell) {
      case "CL" -> Route.of(ServiceClass.CL);
      case "LNX" -> Route.of(ServiceClass.LNX);
      case "VFS" -> VFS;
      case "FILE" -> null;
      case "ABORT" -> new Route(ServiceClass.UNS, Route.ENOSYS, true);
      case "ENOSYS" -> new Route(ServiceClass.UNS, Route.ENOSYS, false);
      case "EINVAL" -> new Route(ServiceClass.UNS, Route.EINVAL, false);
      case "EPERM" -> new Route(ServiceClass.UNS, Route.EPERM, false);
      case "DROP" -> Route.of(ServiceClass.DROP);
      default -> throw new IllegalArgumentException("routing.tsv: bad cell " + cell);
    };
  }

  private static Route linuxRoute(String cell) {
    return switch (cell) {
      case "LNX" -> Route.of(ServiceClass.LNX);
      case "VFS" -> VFS;
      case "FILE" -> null;
      case "DROP" -> Route.of(ServiceClass.DROP);
      default -> throw new IllegalArgumentException("routing.tsv: bad Linux cell " + cell);
    };
  }

  private static Route fileClass(Syscall call, Predicate<String> onIon) {
    boolean stdio = call.fd() >= 0 && call.fd() <= 2;
    if (!stdio && !call.path().isEmpty() && onIon.test(call.path())) {
      return ION;
    }
    return VFS;
  }
}
