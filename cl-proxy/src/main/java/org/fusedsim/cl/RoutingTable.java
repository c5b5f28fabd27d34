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
 * 7.3): for each call how CNK serves it, what the released CL does, and the proposed class of the
 * {@code fusedos-cnkcompat} profile. File calls are classed per call from the path: CNK's prefix
 * rule for the CNK baseline, and the 9P mount prefixes ({@code VFS} or {@code ION}) for FusedOS.
 */
public final class RoutingTable {
  /** A row; the routes are worked out when the table is read (null: by path, VFS or ION). */
  private record Row(
      String cnk, String released, String proposed, Route releasedRoute, Route proposedRoute) {}

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
      if (f.size() != 4) {
        throw new IllegalArgumentException("routing.tsv: 4 columns expected: " + line);
      }
      Row r = new Row(f.get(1), f.get(2), f.get(3), cellRoute(f.get(2)), cellRoute(f.get(3)));
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
    if (r.cnk().equals("BYPATH")) {
      if (call.fd() >= 0 && call.fd() <= 2) {
        return CnkRoute.SHIP; // stdio goes to stdiod
      }
      return cnkLocal(call.path()) ? CnkRoute.LOCAL : CnkRoute.SHIP;
    }
    return CnkRoute.valueOf(r.cnk());
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

  /** Returns the route of a FusedOS cell, or null for a file call routed by its path. */
  private static Route cellRoute(String cell) {
    return switch (cell) {
      case "CL" -> Route.of(ServiceClass.CL);
      case "LNX" -> Route.of(ServiceClass.LNX);
      case "VFS", "FILE" -> null;
      case "ABORT" -> new Route(ServiceClass.UNS, Route.ENOSYS, true);
      case "ENOSYS" -> new Route(ServiceClass.UNS, Route.ENOSYS, false);
      case "EINVAL" -> new Route(ServiceClass.UNS, Route.EINVAL, false);
      case "EPERM" -> new Route(ServiceClass.UNS, Route.EPERM, false);
      case "DROP" -> Route.of(ServiceClass.DROP);
      default -> throw new IllegalArgumentException("routing.tsv: bad cell " + cell);
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
