package org.fusedsim.bgq.torus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PingPongTest {
  @Test
  void midplanePingPongReportsTheRequiredMetricsAndMatchesTheClosedForm() {
    TorusParams p = TorusParams.defaults().withFidelity(Fidelity.PACKET);
    TorusTraffic.PingPongResult r =
        Traffic.pingPong(p, List.of(0L, 512L, 65_536L, 1L << 20, 4L << 20));
    // Hand: 0 B is one 40 B packet = 20 ns at 2 GB/s; plus 40 ns per hop.
    assertEquals(60.0, r.metrics().get("latency.0B.1hop").orElseThrow().value(), 0.6);
    assertEquals(380.0, r.metrics().get("latency.0B.9hop").orElseThrow().value(), 3.8);
    // Hand: 1 MiB = 2048 packets of 552 B = 565,248 ns, plus 40 ns; payload per that time.
    double bw = (1 << 20) / (2048 * 552 * 0.5 + 40);
    assertEquals(bw, r.metrics().get("bandwidth.neighbor.1MiB").orElseThrow().value(), bw * 0.01);
    for (TorusTraffic.PingPongRow row : r.rows()) {
      assertTrue(row.relativeError() < 0.01, row.toString());
      assertTrue(row.hops() == 1 || row.hops() == 9, row.toString());
    }
    assertEquals(10, r.rows().size());
    assertTrue(r.rows().get(0).csv().startsWith("0,1,60.000,"), r.rows().get(0).csv());
  }

  @Test
  void flowLevelPingPongAgreesWithPacketLevel() {
    List<Long> sizes = List.of(0L, 4096L, 1L << 20);
    TorusParams p = TorusParams.defaults();
    var pk = Traffic.pingPong(p.withFidelity(Fidelity.PACKET), sizes).rows();
    var fl = Traffic.pingPong(p.withFidelity(Fidelity.FLOW), sizes).rows();
    for (int i = 0; i < pk.size(); i++) {
      double rel =
          Math.abs(pk.get(i).latencyPs() - fl.get(i).latencyPs()) / (double) pk.get(i).latencyPs();
      assertTrue(rel < 0.05, pk.get(i) + " vs " + fl.get(i));
    }
  }
}
