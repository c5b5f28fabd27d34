package org.fusedsim.bgq.chip;

/**
 * How a hardware thread translates addresses, set by the personality that runs there: {@link
 * #STATIC} for CNK, the SPC monitor and CL's CNK applications (the whole image is pinned in large
 * static TLB entries, so the TLB never misses; only the ERAT reloads from it), {@link #PAGED} for
 * Linux tasks (small pages, TLB misses walk the page table).
 */
public enum Translation {
  /** Static large-page mappings: no TLB misses. */
  STATIC,
  /** Demand-paged small pages: TLB misses cost a table walk. */
  PAGED
}
