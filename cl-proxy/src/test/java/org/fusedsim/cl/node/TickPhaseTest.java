package org.fusedsim.cl.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fusedsim.cl.linux.LinuxNode;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.machine.TestMachines;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each node's Linux ticks have their own phase, unless the partition's are co-scheduled. */
class TickPhaseTest {
  private static Machine twoNodes(Simulation sim, boolean coscheduled) {
    Map<String, String> all = new LinkedHashMap<>(TestMachines.PERSONALITIES.settings("linux"));
    all.put("noise.coscheduled", String.valueOf(coscheduled));
    Sections s = TestMachines.sections(all);
    return new Machine(
        sim,
        new Machine.Spec(
            TestMachines.hardware(s),
            TestMachines.net(s),
            s,
            TestMachines.PERSONALITIES.get("linux"),
            2,
            ImmutableMap.of(),
            new RandomStreams(1, 0)));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void phasesAreANodesOwnUnlessCoscheduled(boolean coscheduled) {
    Machine m = twoNodes(new Simulation(), coscheduled);
    long a = ((LinuxNode) m.node(0)).kernel().tickPhasePs();
    long b = ((LinuxNode) m.node(1)).kernel().tickPhasePs();
    assertTrue(a >= 0 && a < Time.ms(10) && b >= 0 && b < Time.ms(10));
    if (coscheduled) {
      assertEquals(0, a);
      assertEquals(0, b);
    } else {
      assertNotEquals(a, b);
      // drawn from the node's own stream: the same seed gives the same phase
      assertEquals(
          a, ((LinuxNode) twoNodes(new Simulation(), false).node(0)).kernel().tickPhasePs());
    }
  }
}
