package org.fusedsim.bgq.memory;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical memory layout of one node under an OS personality. Top-level regions are domains; a
 * region may be carved from a parent. Construction checks that every region lies inside its parent
 * (or the node) and that siblings do not overlap.
 *
 * <p>FusedOS (bgq-facts.md, "FusedOS partitioning"): the Linux domain is the first 15 GiB and RoQ
 * the last 1 GiB; SPC thread {@code i} owns 192 MiB at {@code 1 GiB + i x 192 MiB} inside the Linux
 * domain; the monitor image, context and config areas sit below 1 GiB. Their exact addresses are
 * not in bgq-facts.md; they are placed back to back ending at 1 GiB.
 */
public final class MemoryLayout {
  private final ImmutableList<Region> regions;
  private final long nodeBytes;

  /**
   * Builds a layout and checks it.
   *
   * @throws MemoryLayoutException naming the offending regions
   */
  public MemoryLayout(long nodeBytes, List<Region> regions) {
    this.nodeBytes = nodeBytes;
    this.regions = ImmutableList.copyOf(regions);
    for (int i = 0; i < regions.size(); i++) {
      Region r = regions.get(i);
      Region parent = r.parent() == null ? new Region("node", 0, nodeBytes, null) : get(r.parent());
      if (!parent.contains(r)) {
        throw new MemoryLayoutException(r + " does not fit inside " + parent);
      }
      for (int j = 0; j < i; j++) {
        Region o = regions.get(j);
        if (java.util.Objects.equals(o.parent(), r.parent()) && o.overlaps(r)) {
          throw new MemoryLayoutException(r + " overlaps " + o);
        }
      }
    }
  }

  /** The FusedOS layout with {@code spcThreads} SPC chunks (60 with the default 4 GPCs). */
  public static MemoryLayout fusedOs(MemoryParams p, int spcThreads) {
    List<Region> rs = new ArrayList<>();
    rs.add(new Region("linux", 0, p.linuxDomainBytes(), null));
    rs.add(new Region("roq", p.linuxDomainBytes(), p.nodeBytes() - p.linuxDomainBytes(), null));
    long top = p.spcBase();
    long config = top - p.monitorConfigBytes();
    long context = config - p.monitorContextBytes();
    long image = context - p.monitorImageBytes();
    rs.add(new Region("monitor_image", image, p.monitorImageBytes(), "linux"));
    rs.add(new Region("monitor_context", context, p.monitorContextBytes(), "linux"));
    rs.add(new Region("monitor_config", config, p.monitorConfigBytes(), "linux"));
    for (int i = 0; i < spcThreads; i++) {
      rs.add(
          new Region(
              String.format(java.util.Locale.ROOT, "spc%02d", i),
              p.spcBase() + i * p.spcChunkBytes(),
              p.spcChunkBytes(),
              "linux"));
    }
    return new MemoryLayout(p.nodeBytes(), rs);
  }

  /** The CNK layout: the kernel first, then the rest split equally among the processes. */
  public static MemoryLayout cnk(MemoryParams p, int processes) {
    List<Region> rs = new ArrayList<>();
    rs.add(new Region("cnk", 0, p.cnkKernelBytes(), null));
    long per = (p.nodeBytes() - p.cnkKernelBytes()) / processes;
    per -= per % (1L << 20); // CNK maps with 1 MiB static TLB entries
    for (int i = 0; i < processes; i++) {
      rs.add(new Region("process" + i, p.cnkKernelBytes() + i * per, per, null));
    }
    return new MemoryLayout(p.nodeBytes(), rs);
  }

  /** The Linux layout: one domain over the whole node. */
  public static MemoryLayout linux(MemoryParams p) {
    return new MemoryLayout(p.nodeBytes(), List.of(new Region("linux", 0, p.nodeBytes(), null)));
  }

  /** Returns the regions in the order they were declared. */
  public ImmutableList<Region> regions() {
    return regions;
  }

  /** Returns the node's memory size. */
  public long nodeBytes() {
    return nodeBytes;
  }

  /** Returns the region with that name. */
  public Region get(String name) {
    for (Region r : regions) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no region " + name);
  }

  /** Returns the bytes of {@code parent} not carved out by any child region. */
  public long unclaimed(String parent) {
    long used = 0;
    for (Region r : regions) {
      if (parent.equals(r.parent())) {
        used += r.size();
      }
    }
    return get(parent).size() - used;
  }
}
