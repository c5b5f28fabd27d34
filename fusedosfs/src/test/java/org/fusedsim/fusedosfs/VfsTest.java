package org.fusedsim.fusedosfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.fusedsim.bgq.node.HardwareParams;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class VfsTest {
  private final Simulation sim = new Simulation();
  private final LinuxParams p = LinuxParams.defaults();
  private final NodeHardware hw =
      new NodeHardware(sim, HardwareParams.defaults(TorusParams.defaults()), 0, "n");
  private final LinuxKernel k = new LinuxKernel(hw, p, new int[] {0});
  private final Vfs vfs = new Vfs(p, new MemFs(p));

  /** A file system on the far side of a link: replies {@code delay} after the call. */
  private final class Remote implements FsBackend {
    final long delay;

    Remote(long delay) {
      this.delay = delay;
    }

    @Override
    public String name() {
      return "remote";
    }

    @Override
    public long cpuCost(FsOp op, long bytes) {
      return Time.ns(50);
    }

    @Override
    public void complete(FsOp op, String path, long bytes, LongConsumer done) {
      sim.schedule(delay, () -> done.accept(bytes));
    }
  }

  VfsTest() {
    vfs.mount("/r", new Remote(Time.us(5)));
  }

  /** Writes 4 KiB at {@code path} through perform; returns [done, result]. */
  private List<Long> write(String path) {
    Task t = k.spawn("t", new int[] {0});
    List<Long> out = new ArrayList<>(List.of(-1L, -1L));
    k.wake(
        t,
        -1,
        () ->
            vfs.perform(
                k,
                t,
                FsOp.WRITE,
                path,
                4096,
                res -> {
                  out.set(0, sim.now());
                  out.set(1, res);
                  k.block(t);
                }));
    sim.run();
    return out;
  }

  @Test
  void aMemfsCallCostsTheVfsAndTheCopy() {
    long copy = p.copyBandwidth().transferTime(4096);
    assertEquals(p.vfsOpPs() + copy, vfs.cpuTime(FsOp.WRITE, "/f", 4096));
    assertEquals(List.of(p.contextSwitchPs() + p.vfsOpPs() + copy, 4096L), write("/f"));
  }

  @Test
  void aRemoteCallSleepsForTheReply() {
    long sent = p.contextSwitchPs() + p.vfsOpPs() + Time.ns(50);
    // reply, then the task is switched back in
    assertEquals(List.of(sent + Time.us(5) + p.contextSwitchPs(), 4096L), write("/r/f"));
    // asleep while the reply is on its way: its CPU's hardware thread issued only the two
    // context switches and the call's CPU time
    assertEquals(sent + p.contextSwitchPs(), hw.chip().thread(0).busyTime());
  }

  @Test
  void oneBurstOfTheCpuTimeCompletedAtOnceMatchesPerform() {
    List<Long> performed = write("/f");
    // CL's form of the same call: the VFS and memfs CPU time as one burst, completed in place
    Simulation s2 = new Simulation();
    LinuxKernel k2 =
        new LinuxKernel(
            new NodeHardware(s2, HardwareParams.defaults(TorusParams.defaults()), 0, "n"),
            p,
            new int[] {0});
    Vfs v2 = new Vfs(p, new MemFs(p));
    Task t = k2.spawn("t", new int[] {0});
    List<Long> oneBurst = new ArrayList<>();
    k2.wake(
        t,
        -1,
        () ->
            k2.run(
                t,
                v2.cpuTime(FsOp.WRITE, "/f", 4096),
                () -> {
                  long res = v2.completeAtOnce(FsOp.WRITE, "/f", 4096);
                  oneBurst.add(s2.now());
                  oneBurst.add(res);
                  k2.block(t);
                }));
    s2.run();
    assertEquals(performed, oneBurst);
  }

  @Test
  void onlyAFileSystemThatCompletesAtOnceIsCompletedInPlace() {
    assertTrue(vfs.completesAtOnce("/f"));
    assertFalse(vfs.completesAtOnce("/r/f"));
    assertEquals(4096, vfs.completeAtOnce(FsOp.WRITE, "/f", 4096));
    // memfs keeps what was written: a read sees at most that
    assertEquals(4096, vfs.completeAtOnce(FsOp.READ, "/f", 10_000));
    assertThrows(IllegalStateException.class, () -> vfs.completeAtOnce(FsOp.WRITE, "/r/f", 1));
  }
}
