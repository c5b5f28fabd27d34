package org.fusedsim.bgq;

import com.google.common.collect.ImmutableList;
import org.fusedsim.bgq.chip.ChipParams;
import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.bgq.io.IoParams;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.bgq.mu.MuParams;
import org.fusedsim.bgq.torus.ClassRoute;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.param.ComponentSpec;

/**
 * Every component kind this module declares, for {@code fusedsim describe}, the scenario loader and
 * {@code docs/parameters.md}.
 */
public final class BgqComponents {
  private BgqComponents() {}

  /** Returns the specs in documentation order. */
  public static ImmutableList<ComponentSpec> specs() {
    return ImmutableList.of(
        ChipParams.SPEC,
        MemoryParams.SPEC,
        InterruptParams.SPEC,
        MuParams.SPEC,
        TorusParams.SPEC,
        ClassRoute.SPEC,
        IoParams.SPEC);
  }
}
