package org.fusedsim.bgq.torus;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fusedsim.core.Simulation;
import umontreal.ssj.rng.RandomStream;

/**
 * The traffic pattern suite: the standard synthetic patterns of interconnect studies, each a list
 * of messages that every node starts at once. Run at packet and flow level on the same partition,
 * they show where the two levels of detail agree and where they do not.
 *
 * <p>All patterns are defined on any shape; where a pattern needs a pairing of dimensions
 * (transpose) or a split (bisection), the definition below says what happens on shapes that do not
 * have one. Nodes never send to themselves: a pattern that maps a node onto itself leaves it out.
 */
public final class TorusPatterns {
  private TorusPatterns() {}

  /** A traffic pattern. */
  public enum Pattern {
    /** Every node sends to each of its distinct neighbours (up to 10 on a torus). */
    NEIGHBOR,
    /** Every node sends to its antipode, half-way round every dimension. */
    ANTIPODE,
    /** Every node sends to its image under one random permutation of the nodes. */
    PERMUTATION,
    /**
     * Node {@code (a,b,c,d,e)} sends to {@code (b,a,d,c,e)}: dimensions A and B, C and D swapped
     * where their extents are equal (a dimension without an equal partner keeps its coordinate).
     */
    TRANSPOSE,
    /** Every node sends a (smaller) message to every other node. */
    ALLTOALL,
    /** Every other node sends to node 0. */
    HOTSPOT,
    /**
     * The nodes of the lower half of dimension A are paired at random with those of the upper half;
     * both of a pair send to each other, so every message crosses the bisection.
     */
    BISECTION;

    /** Returns the name used in metrics and scenario files, e.g. {@code alltoall}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the pattern of a metric or scenario name. */
    public static Pattern of(String key) {
      return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
  }

  /**
   * One message of a pattern.
   *
   * @param src sending node
   * @param dst receiving node, never {@code src}
   * @param bytes payload
   */
  public record Message(int src, int dst, long bytes) {}

  /**
   * Returns the messages of {@code p} on {@code torus}.
   *
   * @param bytes payload of each message (of each pair's message for {@link Pattern#ALLTOALL})
   * @param rnd where the random patterns draw (permutation, bisection)
   */
  public static ImmutableList<Message> messages(
      Pattern p, Torus torus, long bytes, RandomStream rnd) {
    int n = torus.nodeCount();
    List<Message> out = new ArrayList<>();
    switch (p) {
      case NEIGHBOR -> {
        for (int r = 0; r < n; r++) {
          List<Integer> seen = new ArrayList<>();
          for (int port = 0; port < Torus.PORTS; port++) {
            int nb = torus.neighbor(r, port);
            if (nb >= 0 && nb != r && !seen.contains(nb)) {
              seen.add(nb);
              out.add(new Message(r, nb, bytes));
            }
          }
        }
      }
      case ANTIPODE -> {
        for (int r = 0; r < n; r++) {
          add(out, r, torus.antipode(r), bytes);
        }
      }
      case PERMUTATION -> {
        int[] perm = shuffle(identity(n), rnd);
        for (int r = 0; r < n; r++) {
          add(out, r, perm[r], bytes);
        }
      }
      case TRANSPOSE -> {
        TorusShape s = torus.shape();
        for (int r = 0; r < n; r++) {
          int[] c = new int[TorusShape.DIMS];
          for (int d = 0; d < TorusShape.DIMS; d++) {
            c[d] = torus.coord(r, d);
          }
          int[] t = c.clone();
          if (s.size(0) == s.size(1)) {
            t[0] = c[1];
            t[1] = c[0];
          }
          if (s.size(2) == s.size(3)) {
            t[2] = c[3];
            t[3] = c[2];
          }
          add(out, r, torus.rank(t[0], t[1], t[2], t[3], t[4]), bytes);
        }
      }
      case ALLTOALL -> {
        // each node starts with a different partner (r + 1, r + 2, ...), as MPI_Alltoall does
        for (int r = 0; r < n; r++) {
          for (int k = 1; k < n; k++) {
            out.add(new Message(r, (r + k) % n, bytes));
          }
        }
      }
      case HOTSPOT -> {
        for (int r = 1; r < n; r++) {
          out.add(new Message(r, 0, bytes));
        }
      }
      case BISECTION -> {
        List<Integer> low = new ArrayList<>();
        List<Integer> high = new ArrayList<>();
        int half = torus.shape().size(0) / 2;
        for (int r = 0; r < n; r++) {
          (torus.coord(r, 0) < half ? low : high).add(r);
        }
        int pairs = Math.min(low.size(), high.size());
        int[] h = shuffle(identity(high.size()), rnd);
        for (int i = 0; i < pairs; i++) {
          int a = low.get(i);
          int b = high.get(h[i]);
          out.add(new Message(a, b, bytes));
          out.add(new Message(b, a, bytes));
        }
      }
      default -> throw new IllegalArgumentException("unknown pattern " + p);
    }
    return ImmutableList.copyOf(out);
  }

  private static void add(List<Message> out, int src, int dst, long bytes) {
    if (src != dst) {
      out.add(new Message(src, dst, bytes));
    }
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  private static int[] shuffle(int[] a, RandomStream rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(0, i);
      int x = a[i];
      a[i] = a[j];
      a[j] = x;
    }
    return a;
  }

  /**
   * The outcome of one pattern on one network.
   *
   * @param messages messages sent
   * @param payloadBytes payload sent in all
   * @param makespanPs from the common start to the last byte of the last message
   * @param meanLatencyPs mean time from start to delivery over the messages
   * @param events kernel events run
   */
  public record Outcome(
      int messages, long payloadBytes, long makespanPs, long meanLatencyPs, long events) {}

  /**
   * Starts every message of {@code msgs} now on {@code net}, runs the simulation until no event
   * remains and returns the makespan.
   *
   * @throws org.fusedsim.core.StuckException if a message is not delivered when events run out
   */
  public static Outcome run(Simulation sim, TorusNetwork net, List<Message> msgs) {
    long start = sim.now();
    long events = sim.eventCount();
    int first = net.messagesSent();
    long bytes = 0;
    for (Message m : msgs) {
      net.send(m.src(), m.dst(), m.bytes(), null);
      bytes += m.bytes();
    }
    sim.run();
    net.checkDelivered();
    long end = start;
    long sum = 0;
    for (int i = first; i < net.messagesSent(); i++) {
      end = Math.max(end, net.deliveryTime(i));
      sum += net.deliveryTime(i) - start;
    }
    int count = net.messagesSent() - first;
    return new Outcome(
        count, bytes, end - start, count == 0 ? 0 : sum / count, sim.eventCount() - events);
  }
}
