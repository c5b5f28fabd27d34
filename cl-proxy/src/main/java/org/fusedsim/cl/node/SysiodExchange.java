package org.fusedsim.cl.node;

import java.util.function.Supplier;
import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.net.ninep.Sysiod;
import org.fusedsim.spc.CnkKernel;
import org.fusedsim.spc.Syscall;

/**
 * CNK's function shipping over the partition's Messaging Unit, torus and IO link to sysiod on the
 * node's IO node ({@link Sysiod}). A call with data ({@code write} and friends) has it pulled by
 * RDMA; calls on descriptors 0-2 go to stdiod and do not touch the IO node's file system; other
 * calls do one file-system operation of their byte count. The calling thread runs CNK's shipping
 * code on its hardware thread and waits for the reply without issuing.
 */
public final class SysiodExchange implements CnkKernel.Exchange {
  private final Supplier<Sysiod> sysiod;

  /** Ships through the path {@code sysiod} gives (made on first use). */
  public SysiodExchange(Supplier<Sysiod> sysiod) {
    this.sysiod = sysiod;
  }

  @Override
  public void exchange(Syscall call, HardwareThread caller, Runnable done) {
    boolean stdio = call.fd() >= 0 && call.fd() <= 2 && call.path().isEmpty();
    PollingThread t = new PollingThread(caller, caller::run, false, "CNK shipping");
    sysiod.get().call(t, call.bytes(), stdio ? -1 : call.bytes(), done);
  }
}
