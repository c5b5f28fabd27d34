package org.fusedsim.cl.node;

import java.util.Map;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Time;
import org.fusedsim.fusedosfs.LinuxKernel;
import org.fusedsim.fusedosfs.NoiseSources;

/** The counters every personality with a Linux kernel reports the same way. */
public final class LinuxReport {
  private LinuxReport() {}

  /** Adds the kernel's and the noise sources' counters. */
  public static void kernel(Metrics m, LinuxKernel kernel, NoiseSources noise) {
    m.put("linux.context_switches", kernel.contextSwitches(), "switches");
    m.put("linux.wakeups", kernel.wakeups(), "wakeups");
    m.put("linux.ticks", kernel.ticks(), "ticks");
    m.put("linux.irqs", kernel.irqs(), "interrupts");
    m.put("linux.resched_ipis", kernel.reschedIpis(), "IPIs");
    m.put("linux.migrations", kernel.migrations(), "tasks");
    m.put("linux.ipi_lock_wait", Time.toNanos(kernel.ipiLockWaitPs()), "ns");
    if (kernel.futexes().waits() + kernel.futexes().wakes() > 0) {
      m.put("linux.futex_waits", kernel.futexes().waits(), "calls");
      m.put("linux.futex_wakes", kernel.futexes().wakes(), "calls");
    }
    if (noise != null) {
      for (Map.Entry<String, Long> e : noise.activations().entrySet()) {
        m.put("noise." + e.getKey() + ".activations", e.getValue(), "activations");
      }
    }
  }
}
