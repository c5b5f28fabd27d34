package org.fusedsim.bgq.interrupt;

import com.google.common.collect.ImmutableMap;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.TraceEvent;
import org.fusedsim.core.Tracer;

/**
 * The interrupt controller of one node: inter-processor interrupts between hardware threads
 * (numbered chip-wide, {@code core * 4 + thread}). Every IPI crosses this one mechanism, which
 * applies the latency and records the trace event.
 */
public final class InterruptController {
  /** Runs on the target thread when an IPI is taken. */
  @FunctionalInterface
  public interface IpiHandler {
    /** Called with the sending thread's id. */
    void onIpi(int fromThread);
  }

  private final Simulation sim;
  private final InterruptParams params;
  private final String path;
  private final int threads;
  private long sent;
  private java.util.function.IntFunction<String> threadPaths;
  private long flowBase;

  /**
   * Creates the controller.
   *
   * @param path the node's component path, for trace events
   * @param threads the number of hardware threads on the node
   */
  public InterruptController(Simulation sim, InterruptParams params, String path, int threads) {
    this.sim = sim;
    this.params = params;
    this.path = path;
    this.threads = threads;
  }

  /**
   * Names the hardware threads' trace tracks, so that an IPI is drawn as a flow from the sender's
   * track to the target's; {@code endpoint} keeps the flow ids of the partition's nodes apart.
   */
  public void traceThreads(java.util.function.IntFunction<String> paths, int endpoint) {
    this.threadPaths = paths;
    this.flowBase = (long) endpoint << 32;
  }

  /** Sends an IPI from one thread to another; {@code handler} runs after the IPI latency. */
  public void sendIpi(int fromThread, int toThread, IpiHandler handler) {
    long arrival = sendIpiAt(sim.now(), fromThread, toThread);
    sim.scheduleAt(arrival, () -> handler.onIpi(fromThread));
  }

  /**
   * Books an IPI that {@code fromThread} sends at {@code sendTime} (now or later) and returns when
   * it arrives; the caller runs the target's handler then, from an event it schedules anyway (a
   * sender that already knows when it will raise the interrupt saves an event this way).
   */
  public long sendIpiAt(long sendTime, int fromThread, int toThread) {
    if (fromThread < 0 || fromThread >= threads || toThread < 0 || toThread >= threads) {
      throw new IllegalArgumentException(
          "IPI " + fromThread + " -> " + toThread + ": threads are 0-" + (threads - 1));
    }
    if (sendTime < sim.now()) {
      throw new IllegalArgumentException("IPI sent at " + sendTime + ", before now");
    }
    sent++;
    Tracer tr = sim.tracer();
    if (tr.enabled()) {
      if (threadPaths == null) {
        tr.record(
            new TraceEvent(
                sendTime,
                path,
                "ipi.send",
                params.ipiLatencyPs(),
                ImmutableMap.of("from", fromThread, "to", toThread)));
      } else {
        long id = flowBase | sent;
        // both ends or neither: a bounded trace that kept only one would draw a dangling flow
        tr.recordAll(
            java.util.List.of(
                new TraceEvent(
                    sendTime,
                    threadPaths.apply(fromThread),
                    "ipi.send",
                    0,
                    ImmutableMap.of("to", toThread, "flow_out", id, "flow_cat", "ipi")),
                new TraceEvent(
                    sendTime + params.ipiLatencyPs(),
                    threadPaths.apply(toThread),
                    "ipi.arrive",
                    0,
                    ImmutableMap.of("from", fromThread, "flow_in", id, "flow_cat", "ipi"))));
      }
    }
    return sendTime + params.ipiLatencyPs();
  }

  /** Returns the number of IPIs sent. */
  public long ipisSent() {
    return sent;
  }
}
