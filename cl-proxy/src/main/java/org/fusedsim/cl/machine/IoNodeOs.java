package org.fusedsim.cl.machine;

import org.fusedsim.bgq.chip.CoreRole;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.cl.node.LinuxNetNode;
import org.fusedsim.core.Metrics;
import org.fusedsim.fusedosfs.LinuxKernel;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.net.NetNode;
import org.fusedsim.net.ninep.Diod;
import org.fusedsim.net.ninep.FileServer;
import org.fusedsim.net.ninep.NinePParams;
import org.fusedsim.net.roq.RoqBackend;

/**
 * An IO node: the same chip, running Linux on cores 0-15 and the RoQ microcode on core 16, with
 * diod (the 9P server of its compute nodes) and a sysiod per CNK compute node as Linux tasks, in
 * front of its external file system. Receive processing runs in interrupt context on CPU 0.
 */
public final class IoNodeOs {
  private final NodeHardware hw;
  private final LinuxKernel kernel;
  private final RoqBackend roq;
  private final FileServer fs;
  private final LinuxNetNode net;
  private final int[] cpus = new int[64];
  private Diod diod;
  private final NinePParams ninep;

  /** Builds the IO node on its hardware. */
  public IoNodeOs(NodeHardware hw, LinuxParams lp, NinePParams ninep) {
    this.hw = hw;
    this.ninep = ninep;
    for (int c = 0; c < hw.chip().cores(); c++) {
      hw.chip().assignRole(c, c == 16 ? CoreRole.ROQ : CoreRole.LINUX);
    }
    for (int i = 0; i < cpus.length; i++) {
      cpus[i] = i;
    }
    this.kernel = new LinuxKernel(hw, lp, cpus);
    this.net = new LinuxNetNode(kernel, hw.endpoint(), 0, cpus);
    this.roq = new RoqBackend(hw.chip().thread(16, 0));
    this.fs = new FileServer(hw.sim(), ninep);
  }

  /** Returns the hardware. */
  public NodeHardware hardware() {
    return hw;
  }

  /** Returns the OS services for the network stacks. */
  public NetNode net() {
    return net;
  }

  /** Returns the RoQ microcode. */
  public RoqBackend roq() {
    return roq;
  }

  /** Returns the external file system. */
  public FileServer fs() {
    return fs;
  }

  /** Returns diod, started on first use. */
  public Diod diod() {
    if (diod == null) {
      diod = new Diod(net, ninep, fs);
    }
    return diod;
  }

  /** Returns the kernel. */
  public LinuxKernel kernel() {
    return kernel;
  }

  /** Adds this IO node's counters under {@code prefix}. */
  public void report(Metrics m, String prefix) {
    m.put(prefix + ".fs_bytes", fs.bytes(), "B");
    m.put(prefix + ".fs_ops", fs.ops(), "ops");
    if (diod != null) {
      m.put(prefix + ".diod_requests", diod.requests(), "requests");
    }
  }
}
