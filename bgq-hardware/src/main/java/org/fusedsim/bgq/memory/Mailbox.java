package org.fusedsim.bgq.memory;

import java.util.function.LongConsumer;
import org.fusedsim.bgq.interrupt.Reservations;
import org.fusedsim.core.Simulation;

/**
 * A one-word shared-memory mailbox between hardware threads, as used between CL and the SPC monitor
 * (command slot, start flag). A store becomes visible to other cores one L2 cache-line transfer
 * later, and at that moment wakes any thread waiting on the line with {@code waitrsv}; a load from
 * another core costs one line transfer too.
 */
public final class Mailbox {
  private final Simulation sim;
  private final Reservations.Line line;
  private final long address;
  private final long lineTransferPs;
  private long value;
  private int inFlight;

  /** Creates a mailbox at {@code address}, watched through {@code reservations}. */
  public Mailbox(Simulation sim, Reservations reservations, long address, MemoryParams params) {
    this.sim = sim;
    this.line = reservations.line(address);
    this.address = address;
    this.lineTransferPs = params.l2LineTransferPs();
  }

  /** Stores {@code v} from {@code thread}; visible (and waking waiters) one line transfer later. */
  public void write(int thread, long v) {
    write(thread, v, null);
  }

  /**
   * Stores {@code v} from {@code thread}; when the store becomes visible (one line transfer later)
   * {@code onVisible} runs first, then waiters are woken. Lets a model time-stamp the store.
   */
  public void write(int thread, long v, Runnable onVisible) {
    inFlight++;
    sim.schedule(
        lineTransferPs,
        () -> {
          inFlight--;
          value = v;
          if (onVisible != null) {
            onVisible.run();
          }
          line.store(thread);
        });
  }

  /** Loads the value from another core: {@code reader} gets it one line transfer later. */
  public void read(LongConsumer reader) {
    sim.schedule(lineTransferPs, () -> reader.accept(value));
  }

  /** Returns the current value without cost, for tests and reports. */
  public long peek() {
    return value;
  }

  /** Returns the time a store takes to become visible to other cores. */
  public long lineTransferPs() {
    return lineTransferPs;
  }

  /** Returns the reservations on this mailbox's cache line. */
  public Reservations.Line line() {
    return line;
  }

  /** Returns the address. */
  public long address() {
    return address;
  }
}
