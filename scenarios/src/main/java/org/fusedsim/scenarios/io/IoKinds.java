package org.fusedsim.scenarios.io;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.io.IoParams;
import org.fusedsim.bgq.mu.MuParams;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.ninep.IoPath;
import org.fusedsim.net.ninep.IoSetup;
import org.fusedsim.net.ninep.NinePParams;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.net.roq.TcpParams;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.torus.TorusKinds;

/** What the IO scenario kinds share: sections, set-up, personality to path, list parsing. */
final class IoKinds {
  private IoKinds() {}

  /** The sections every IO kind reads, before its own. */
  static final ImmutableList<ComponentSpec> COMMON =
      ImmutableList.of(
          TorusParams.SPEC,
          IoParams.SPEC,
          MuParams.SPEC,
          PamiParams.SPEC,
          RoqParams.SPEC,
          TcpParams.SPEC,
          NinePParams.SPEC);

  /** The personalities, the default first: FusedOS (9P over RoQ) and CNK (sysiod). */
  static final ImmutableList<String> PERSONALITIES = ImmutableList.of("fusedos", "cnk");

  static ImmutableList<ComponentSpec> sections(ComponentSpec own) {
    return ImmutableList.<ComponentSpec>builder().addAll(COMMON).add(own).build();
  }

  static IoSetup setup(Scenario s) {
    return new IoSetup(
        TorusKinds.params(s),
        IoParams.from(s.section(IoParams.KIND)),
        MuParams.from(s.section(MuParams.KIND)),
        PamiParams.from(s.section(PamiParams.KIND)),
        RoqParams.from(s.section(RoqParams.KIND)),
        TcpParams.from(s.section(TcpParams.KIND)),
        NinePParams.from(s.section(NinePParams.KIND)));
  }

  static IoPath path(String personality) {
    return "cnk".equals(personality) ? IoPath.SYSIOD : IoPath.NINEP;
  }

  /** Parses a comma list of positive integers at {@code section.key}. */
  static List<Integer> integers(String section, String key, String text, int max) {
    List<Integer> out = new ArrayList<>();
    for (String part : text.split(",")) {
      int v;
      try {
        v = Integer.parseInt(part.trim());
      } catch (NumberFormatException e) {
        throw new CheckException(section, key, "not an integer: '" + part.trim() + "'");
      }
      if (v < 1 || v > max) {
        throw new CheckException(section, key, v + " is outside 1-" + max);
      }
      out.add(v);
    }
    return out;
  }

  /** Parses a comma list of sizes with units at {@code section.key}. */
  static List<Long> sizes(String section, String key, String text, long min, long max) {
    List<Long> out = new ArrayList<>();
    for (String part : text.split(",")) {
      long v;
      try {
        v = DataSize.parse(part.trim()).bytes();
      } catch (IllegalArgumentException e) {
        throw new CheckException(section, key, "not a size with unit: '" + part.trim() + "'");
      }
      if (v < min || v > max) {
        throw new CheckException(
            section, key, part.trim() + " is outside " + min + " B - " + max + " B");
      }
      out.add(v);
    }
    return out;
  }
}
