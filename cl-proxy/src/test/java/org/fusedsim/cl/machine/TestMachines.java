package org.fusedsim.cl.machine;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fusedsim.bgq.BgqComponents;
import org.fusedsim.bgq.node.HardwareParams;
import org.fusedsim.cl.node.Personalities;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.net.NetParams;
import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.ninep.NinePParams;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.net.roq.TcpParams;

/**
 * Machines for the tests, assembled by {@link Machine} as every run assembles one: every section a
 * machine reads at its declared defaults, with a test's {@code section.key -> value} settings and a
 * personality variant's settings on top.
 */
public final class TestMachines {
  /** The registry the tests take personalities from. */
  public static final Personalities PERSONALITIES = Personalities.builtin();

  private static final ImmutableMap<String, ComponentSpec> SPECS = specs();

  private TestMachines() {}

  private static ImmutableMap<String, ComponentSpec> specs() {
    Map<String, ComponentSpec> m = new LinkedHashMap<>();
    for (ComponentSpec s : BgqComponents.specs()) {
      m.put(s.kind(), s);
    }
    for (ComponentSpec s :
        ImmutableList.of(PamiParams.SPEC, RoqParams.SPEC, TcpParams.SPEC, NinePParams.SPEC)) {
      m.put(s.kind(), s);
    }
    for (ComponentSpec s : PERSONALITIES.sections()) {
      m.putIfAbsent(s.kind(), s);
    }
    return ImmutableMap.copyOf(m);
  }

  /**
   * Returns every section at its defaults with {@code settings} ({@code section.key -> value}) on
   * top; an unknown section or key fails.
   */
  public static Sections sections(Map<String, String> settings) {
    Map<String, ParamValues.Builder> changed = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      int dot = e.getKey().indexOf('.');
      String section = e.getKey().substring(0, dot);
      changed
          .computeIfAbsent(section, s -> ParamValues.builder(spec(s)))
          .set(e.getKey().substring(dot + 1), e.getValue());
    }
    Map<String, ParamValues> values = new LinkedHashMap<>();
    for (Map.Entry<String, ComponentSpec> e : SPECS.entrySet()) {
      ParamValues.Builder b = changed.get(e.getKey());
      values.put(e.getKey(), b != null ? b.build() : ParamValues.builder(e.getValue()).build());
    }
    ImmutableMap<String, ParamValues> all = ImmutableMap.copyOf(values);
    return name -> {
      ParamValues v = all.get(name);
      if (v == null) {
        throw new IllegalArgumentException("no section " + name);
      }
      return v;
    };
  }

  private static ComponentSpec spec(String section) {
    ComponentSpec s = SPECS.get(section);
    if (s == null) {
      throw new IllegalArgumentException("no section " + section);
    }
    return s;
  }

  /** Returns the hardware parameters of {@code s}. */
  public static HardwareParams hardware(Sections s) {
    return Machine.hardware(s);
  }

  /** Returns the network software's parameters of {@code s}. */
  public static NetParams net(Sections s) {
    return Machine.net(s);
  }

  /**
   * A one-node job under {@code personality} (a base name or a variant such as {@code
   * fusedos-released}), seed 1.
   *
   * @param settings {@code section.key -> value} on top of the defaults and the variant's settings
   * @param mounts path prefixes mounted from the IO node ({@code true}) or local ({@code false})
   */
  public static Machine machine(
      Simulation sim,
      String personality,
      Map<String, String> settings,
      ImmutableMap<String, Boolean> mounts) {
    Map<String, String> all = new LinkedHashMap<>(PERSONALITIES.settings(personality));
    all.putAll(settings);
    Sections s = sections(all);
    // as a run does before anything is simulated
    PERSONALITIES.get(personality).check(s, 0);
    return new Machine(
        sim,
        new Machine.Spec(
            hardware(s),
            net(s),
            s,
            PERSONALITIES.get(personality),
            1,
            mounts,
            new RandomStreams(1, 0)));
  }

  /** A one-node job under {@code personality} at the defaults, with no mounts. */
  public static Machine machine(Simulation sim, String personality) {
    return machine(sim, personality, Map.of(), ImmutableMap.of());
  }
}
