package org.fusedsim.bgq.memory;

import org.fusedsim.core.DataSize;

/**
 * A named range of physical memory.
 *
 * @param name what it holds, e.g. {@code spc07}
 * @param base first byte
 * @param size length in bytes
 * @param parent the region it is carved from, or {@code null} for a top-level domain
 */
public record Region(String name, long base, long size, String parent) {
  /** Validates the range. */
  public Region {
    if (base < 0 || size <= 0) {
      throw new IllegalArgumentException("region " + name + " needs base >= 0 and size > 0");
    }
  }

  /** Returns the first byte past the region. */
  public long end() {
    return base + size;
  }

  /** Returns whether two regions share a byte. */
  public boolean overlaps(Region o) {
    return base < o.end() && o.base < end();
  }

  /** Returns whether {@code o} lies entirely inside this region. */
  public boolean contains(Region o) {
    return o.base >= base && o.end() <= end();
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT, "%s [0x%x, 0x%x) %s", name, base, end(), DataSize.ofBytes(size));
  }
}
