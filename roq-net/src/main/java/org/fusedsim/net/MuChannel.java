package org.fusedsim.net;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fusedsim.bgq.mu.Descriptor;
import org.fusedsim.bgq.mu.MessagingUnits;

/**
 * One software stack's memory-FIFO messages through the Messaging Units: each message is a
 * descriptor the stack injects into one of its injection FIFOs and that the MU deposits into the
 * stack's reception FIFO at the destination, where the stack finds the message by its tag and runs
 * what the sender attached to it. The stack's FIFOs must be claimed on both nodes.
 */
public final class MuChannel {
  private final MessagingUnits mu;
  private final String owner;
  private final Map<Long, Runnable> inFlight = new LinkedHashMap<>();
  private final Map<Long, Boolean> listening = new LinkedHashMap<>();
  private long nextTag = 1;
  private long messages;

  /** Creates the channel of stack {@code owner} ({@code pami}, {@code roq}, {@code system}). */
  public MuChannel(MessagingUnits mu, String owner) {
    this.mu = mu;
    this.owner = owner;
  }

  /** Returns the Messaging Units. */
  public MessagingUnits mu() {
    return mu;
  }

  /**
   * Sends {@code bytes} from endpoint {@code from} (injection FIFO {@code injFifo}) to endpoint
   * {@code to} (reception FIFO {@code recFifo}); {@code deposited} runs when the message is in the
   * destination's memory.
   */
  public void send(int from, int injFifo, int to, int recFifo, long bytes, Runnable deposited) {
    send(from, injFifo, to, recFifo, bytes, null, deposited);
  }

  /**
   * Sends as {@link #send(int, int, int, int, long, Runnable)}; {@code sent} (if not {@code null})
   * runs when the message's last byte has been injected at {@code from} (local completion).
   */
  public void send(
      int from, int injFifo, int to, int recFifo, long bytes, Runnable sent, Runnable deposited) {
    listen(to, recFifo);
    long tag = nextTag++;
    inFlight.put(tag, deposited);
    messages++;
    mu.inject(from, injFifo, Descriptor.memoryFifo(to, bytes, recFifo).by(owner, tag), sent);
  }

  /** Returns a fresh tag for a descriptor this stack builds itself (a remote get). */
  public long tag() {
    return nextTag++;
  }

  private void listen(int e, int fifo) {
    long key = ((long) e << 32) | fifo;
    if (listening.putIfAbsent(key, Boolean.TRUE) != null) {
      return;
    }
    mu.onReception(
        e,
        fifo,
        (source, d) -> {
          Runnable r = inFlight.remove(d.flow());
          if (r == null) {
            throw new IllegalStateException(
                owner
                    + " at endpoint "
                    + e
                    + ": message "
                    + d.flow()
                    + " from "
                    + source
                    + " unknown");
          }
          r.run();
        });
  }

  /** Returns the messages sent so far. */
  public long messages() {
    return messages;
  }

  /** Returns the messages injected and not yet deposited. */
  public int inFlight() {
    return inFlight.size();
  }
}
