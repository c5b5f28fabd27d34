package org.fusedsim.fusedosfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class VfsTest {
  private final Simulation sim = new Simulation();
  private final LinuxParams p = LinuxParams.defaults();
  private final LinuxKernel k =
      new LinuxKernel(
          sim, p, new InterruptController(sim, InterruptParams.defaults(), "n", 68), new int[] {0});

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

  /** Writes 4 KiB at /f (memfs) or /r/f (remote); returns [mark, done, result, events]. */
  private List<Long> write(String path) {
    Vfs vfs = new Vfs(p, new MemFs(p));
    vfs.mount("/r", new Remote(Time.us(5)));
    Task t = k.spawn("t", new int[] {0});
    List<Long> out = new ArrayList<>(List.of(-1L, -1L, -1L, -1L));
    k.wake(
        t,
        -1,
        () ->
            vfs.perform(
                k,
                t,
                Time.ns(300),
                Time.ns(100),
                at -> out.set(0, at),
                FsOp.WRITE,
                path,
                4096,
                Time.ns(200),
                res -> {
                  out.set(1, sim.now());
                  out.set(2, res);
                  k.block(t);
                }));
    sim.run();
    out.set(3, sim.eventCount());
    return out;
  }

  @Test
  void aCallOnAFileSystemThatCompletesAtOnceIsOneBurst() {
    List<Long> r = write("/f");
    long start = p.contextSwitchPs();
    long copy = p.copyBandwidth().transferTime(4096);
    assertEquals(start + Time.ns(100), r.get(0));
    assertEquals(start + Time.ns(300) + p.vfsOpPs() + copy + Time.ns(200), r.get(1));
    assertEquals(4096, r.get(2));
    // the context switch, the one burst, and the tick armed at the switch (it finds the CPU idle)
    assertEquals(3, r.get(3));
  }

  @Test
  void aRemoteCallSleepsForTheReplyAndThenLeavesTheKernel() {
    List<Long> r = write("/r/f");
    long start = p.contextSwitchPs();
    long sent = start + Time.ns(300) + p.vfsOpPs() + Time.ns(50);
    assertEquals(start + Time.ns(100), r.get(0));
    // reply, switch back in, leave the kernel
    assertEquals(sent + Time.us(5) + p.contextSwitchPs() + Time.ns(200), r.get(1));
    assertEquals(4096, r.get(2));
  }
}
