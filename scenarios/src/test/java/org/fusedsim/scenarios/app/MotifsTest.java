package org.fusedsim.scenarios.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.bgq.chip.Work;
import org.junit.jupiter.api.Test;

/** The motifs' programs: every message sent is one a peer receives. */
class MotifsTest {
  private static RankProgram motif(String name, int ranks, int steps) {
    return Motifs.of(
        new Motifs.Params(name, ranks, steps, Work.integer(1000), 4096, 8, 1, "getpid", 2, "/f"));
  }

  /** Messages sent from a to b against receives posted by b from a, over the whole program. */
  private static void assertMatched(RankProgram p) {
    Map<String, Integer> sent = new TreeMap<>();
    Map<String, Integer> received = new TreeMap<>();
    for (int r = 0; r < p.ranks(); r++) {
      for (int i = 0; ; i++) {
        Op op = p.op(r, i);
        if (op == null) {
          break;
        }
        switch (op.kind()) {
          case SEND, ISEND -> sent.merge(r + ">" + op.peer(), 1, Integer::sum);
          case RECV, IRECV -> received.merge(op.peer() + ">" + r, 1, Integer::sum);
          default -> {}
        }
      }
    }
    assertEquals(sent, received);
  }

  @Test
  void halo3dSendsEachFaceToTheRankThatReceivesIt() {
    RankProgram p = motif("halo3d", 60, 3);
    assertMatched(p);
    // compute, a call, six irecvs, six isends, a waitall, an allreduce per step
    int ops = 0;
    while (p.op(7, ops) != null) {
      ops++;
    }
    assertEquals(3 * 16, ops);
    assertEquals(Op.Kind.COMPUTE, p.op(7, 0).kind());
    assertEquals(Op.Kind.SYSCALL, p.op(7, 1).kind());
    assertEquals(Op.Kind.ALLREDUCE, p.op(7, 15).kind());
  }

  @Test
  void sweep3dWavefrontsMatchOnAnyGrid() {
    assertMatched(motif("sweep3d", 12, 2));
    assertMatched(motif("sweep3d", 7, 1));
  }

  @Test
  void bspAndIoHaveTheirShapes() {
    RankProgram bsp = motif("bsp", 4, 2);
    assertEquals(Op.Kind.COMPUTE, bsp.op(3, 0).kind());
    assertEquals(Op.Kind.SYSCALL, bsp.op(3, 1).kind());
    assertEquals(Op.Kind.ALLREDUCE, bsp.op(3, 2).kind());
    assertNull(bsp.op(3, 6));
    RankProgram io = motif("io", 2, 3);
    assertEquals("open", io.op(1, 0).call().name());
    assertEquals("/f.1", io.op(1, 0).call().path());
    assertEquals("write", io.op(1, 2).call().name());
    assertEquals(4096, io.op(1, 2).call().bytes());
    assertEquals("close", io.op(1, 7).call().name());
    assertNull(io.op(1, 8));
  }

  @Test
  void readingOutOfOrderGivesTheSameActions() {
    RankProgram a = motif("halo3d", 8, 2);
    RankProgram b = motif("halo3d", 8, 2);
    Op late = a.op(5, 20);
    for (int i = 0; i <= 20; i++) {
      b.op(5, i);
    }
    assertEquals(b.op(5, 21), a.op(5, 21));
    assertEquals(late, b.op(5, 20));
  }
}
