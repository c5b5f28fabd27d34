package org.fusedsim.scenarios.app;

import org.fusedsim.bgq.chip.Work;
import org.fusedsim.spc.Syscall;

/**
 * The built-in rank programs: the communication skeletons of the codes OS-noise studies run, each
 * generated on demand from a few numbers.
 *
 * <ul>
 *   <li>{@code bsp}: compute, then an allreduce, every step.
 *   <li>{@code halo3d}: ranks on a 3-D grid (factored as MPI_Dims_create does), each step compute,
 *       then the six faces exchanged with the neighbours (non-blocking receives and sends, a
 *       waitall; periodic boundaries), then an allreduce, as the Halo3D motif of SST's Ember suite.
 *   <li>{@code sweep3d}: ranks on a 2-D grid; each step sweeps from the four corners in turn, and a
 *       sweep is {@code blocks} wavefront blocks: receive from the upstream neighbours, compute the
 *       block, send downstream (the KBA pipelining of Sweep3D); an allreduce ends the step.
 *   <li>{@code fwq}: fixed work quanta, no communication (each computation's duration is the
 *       sample).
 *   <li>{@code syscalls}: compute, then {@code syscalls} system calls, every step.
 *   <li>{@code io}: open a file on the IO node's mount, then per step compute and write {@code
 *       message} bytes, then close.
 * </ul>
 *
 * Every motif adds {@code syscalls} calls of {@code syscall} per step after the compute (a code
 * reading the clock or logging), except {@code fwq} and {@code io}.
 */
public final class Motifs {
  /** The motif names. */
  public static final String NAMES = "bsp, halo3d, sweep3d, fwq, syscalls, io";

  /**
   * A motif's numbers.
   *
   * @param motif the motif's name
   * @param ranks the job's ranks
   * @param steps steps (iterations, samples)
   * @param work computation per rank and step
   * @param message a halo face, a wavefront block's boundary, a write
   * @param reduce the allreduce's size per rank
   * @param syscalls system calls per step
   * @param syscall the call's name
   * @param blocks wavefront blocks per sweep (sweep3d)
   * @param path the file prefix of {@code io}
   */
  public record Params(
      String motif,
      int ranks,
      int steps,
      Work work,
      long message,
      long reduce,
      int syscalls,
      String syscall,
      int blocks,
      String path) {}

  private Motifs() {}

  /**
   * Returns the program of {@code p}.
   *
   * @throws IllegalArgumentException for an unknown motif
   */
  public static RankProgram of(Params p) {
    return switch (p.motif()) {
      case "bsp" -> new Stepped(p, true, p.syscalls(), new Bsp(p));
      case "halo3d" -> new Stepped(p, true, p.syscalls(), new Halo3d(p));
      case "sweep3d" -> new Stepped(p, false, p.syscalls(), new Sweep3d(p));
      case "fwq" -> new Stepped(p, true, 0, (r, k) -> null);
      case "syscalls" -> new Stepped(p, true, p.syscalls(), (r, k) -> null);
      case "io" -> new Io(p);
      default ->
          throw new IllegalArgumentException(
              "unknown motif '" + p.motif() + "': expected one of " + NAMES);
    };
  }

  /**
   * Returns the 3-D grid MPI_Dims_create gives {@code n} ranks: as equal as can be, largest first.
   */
  static int[] dims(int n, int k) {
    int[] d = new int[k];
    java.util.Arrays.fill(d, 1);
    int left = n;
    // peel the prime factors largest first onto the smallest dimension
    java.util.List<Integer> primes = new java.util.ArrayList<>();
    for (int f = 2; (long) f * f <= left; f++) {
      while (left % f == 0) {
        primes.add(f);
        left /= f;
      }
    }
    if (left > 1) {
      primes.add(left);
    }
    for (int i = primes.size() - 1; i >= 0; i--) {
      int smallest = 0;
      for (int j = 1; j < k; j++) {
        if (d[j] < d[smallest]) {
          smallest = j;
        }
      }
      d[smallest] *= primes.get(i);
    }
    java.util.Arrays.sort(d);
    for (int i = 0; i < k / 2; i++) {
      int t = d[i];
      d[i] = d[k - 1 - i];
      d[k - 1 - i] = t;
    }
    return d;
  }

  /** The part of a step after the compute and the system calls: {@code k}-th op, or null. */
  @FunctionalInterface
  private interface Tail {
    Op op(int rank, int k);
  }

  /**
   * A motif of equal steps: each step is the compute (unless the motif computes within its tail),
   * the system calls, then the motif's communication.
   */
  private static final class Stepped implements RankProgram {
    private final Params p;
    private final int lead;
    private final int calls;
    private final Tail tail;
    private final int[] index;
    private final int[] stepOf;
    private final int[] inStep;
    private final Op compute;
    private final Op call;

    Stepped(Params p, boolean compute, int calls, Tail tail) {
      this.p = p;
      this.lead = compute ? 1 : 0;
      this.calls = calls;
      this.tail = tail;
      this.index = new int[p.ranks()];
      this.stepOf = new int[p.ranks()];
      this.inStep = new int[p.ranks()];
      this.compute = Op.compute(p.work(), p.motif() + " compute");
      this.call =
          calls > 0
              ? Op.syscall(new Syscall(p.syscall(), -1, "", 0), p.motif() + " " + p.syscall())
              : null;
    }

    @Override
    public int ranks() {
      return p.ranks();
    }

    @Override
    public String name() {
      return p.motif();
    }

    /**
     * Ranks read their actions in order, so each keeps a cursor (its step and the action within);
     * asking for an action again or out of order restarts the count from the first step.
     */
    @Override
    public Op op(int rank, int i) {
      if (i != index[rank]) {
        index[rank] = 0;
        stepOf[rank] = 0;
        inStep[rank] = 0;
        for (int k = 0; k < i; k++) {
          if (advance(rank) == null) {
            return null;
          }
        }
      }
      return advance(rank);
    }

    private Op advance(int rank) {
      while (stepOf[rank] < p.steps()) {
        int k = inStep[rank]++;
        Op op;
        if (k < lead) {
          op = compute;
        } else if (k - lead < calls) {
          op = call;
        } else {
          op = tail.op(rank, k - lead - calls);
        }
        if (op != null) {
          index[rank]++;
          return op;
        }
        stepOf[rank]++;
        inStep[rank] = 0;
      }
      return null;
    }
  }

  /** bsp: one allreduce per step. */
  private static final class Bsp implements Tail {
    private final Op allreduce;

    Bsp(Params p) {
      allreduce = Op.collective(Op.Kind.ALLREDUCE, p.reduce(), 0, "bsp allreduce");
    }

    @Override
    public Op op(int rank, int k) {
      return k == 0 ? allreduce : null;
    }
  }

  /** halo3d: six receives, six sends, a waitall, an allreduce. */
  private static final class Halo3d implements Tail {
    private final Params p;
    private final int[] d;
    private final Op waitall;
    private final Op allreduce;

    Halo3d(Params p) {
      this.p = p;
      this.d = dims(p.ranks(), 3);
      this.waitall = Op.of(Op.Kind.WAITALL, "halo3d waitall");
      this.allreduce = Op.collective(Op.Kind.ALLREDUCE, p.reduce(), 0, "halo3d allreduce");
    }

    /** The neighbour across face {@code f} (0-5: -x, +x, -y, +y, -z, +z), or -1. */
    private int neighbour(int rank, int f) {
      int x = rank % d[0];
      int y = (rank / d[0]) % d[1];
      int z = rank / (d[0] * d[1]);
      int dim = f / 2;
      int step = f % 2 == 0 ? -1 : 1;
      if (d[dim] == 1) {
        return -1;
      }
      int[] c = {x, y, z};
      c[dim] = Math.floorMod(c[dim] + step, d[dim]);
      return c[0] + d[0] * (c[1] + d[1] * c[2]);
    }

    @Override
    public Op op(int rank, int k) {
      if (k < 12) {
        int n = neighbour(rank, k % 6);
        if (n < 0) {
          return Op.of(Op.Kind.NOTHING, "halo3d face without neighbour");
        }
        return k < 6
            ? Op.p2p(Op.Kind.IRECV, n, p.message(), "halo3d irecv")
            : Op.p2p(Op.Kind.ISEND, n, p.message(), "halo3d isend");
      }
      return switch (k) {
        case 12 -> waitall;
        case 13 -> allreduce;
        default -> null;
      };
    }
  }

  /** sweep3d: four corner sweeps of pipelined wavefront blocks. */
  private static final class Sweep3d implements Tail {
    private final Params p;
    private final int[] d;
    private final Op block;
    private final Op allreduce;

    Sweep3d(Params p) {
      this.p = p;
      this.d = dims(p.ranks(), 2);
      this.block = Op.compute(p.work().part(1.0 / (4.0 * p.blocks())), "sweep3d block");
      this.allreduce = Op.collective(Op.Kind.ALLREDUCE, p.reduce(), 0, "sweep3d allreduce");
    }

    @Override
    public Op op(int rank, int k) {
      int perBlock = 5;
      int blocks = 4 * p.blocks();
      if (k >= blocks * perBlock) {
        return k == blocks * perBlock ? allreduce : null;
      }
      int sweep = (k / perBlock) / p.blocks();
      int part = k % perBlock;
      int x = rank % d[0];
      int y = rank / d[0];
      // sweep 0 from corner (0,0), 1 from (max,0), 2 from (0,max), 3 from (max,max)
      int sx = sweep % 2 == 0 ? 1 : -1;
      int sy = sweep < 2 ? 1 : -1;
      int upX = x - sx;
      int upY = y - sy;
      int downX = x + sx;
      int downY = y + sy;
      return switch (part) {
        case 0 ->
            inside(upX, d[0])
                ? Op.p2p(Op.Kind.RECV, upX + d[0] * y, p.message(), "sweep3d recv x")
                : Op.of(Op.Kind.NOTHING, "sweep3d edge");
        case 1 ->
            inside(upY, d[1])
                ? Op.p2p(Op.Kind.RECV, x + d[0] * upY, p.message(), "sweep3d recv y")
                : Op.of(Op.Kind.NOTHING, "sweep3d edge");
        case 2 -> block;
        case 3 ->
            inside(downX, d[0])
                ? Op.p2p(Op.Kind.SEND, downX + d[0] * y, p.message(), "sweep3d send x")
                : Op.of(Op.Kind.NOTHING, "sweep3d edge");
        default ->
            inside(downY, d[1])
                ? Op.p2p(Op.Kind.SEND, x + d[0] * downY, p.message(), "sweep3d send y")
                : Op.of(Op.Kind.NOTHING, "sweep3d edge");
      };
    }

    private static boolean inside(int c, int n) {
      return c >= 0 && c < n;
    }
  }

  /** io: open, then compute and write each step, then close. */
  private static final class Io implements RankProgram {
    private final Params p;
    private final Op compute;

    Io(Params p) {
      this.p = p;
      this.compute = Op.compute(p.work(), "io compute");
    }

    @Override
    public int ranks() {
      return p.ranks();
    }

    @Override
    public String name() {
      return p.motif();
    }

    @Override
    public Op op(int rank, int i) {
      String path = p.path() + "." + rank;
      if (i == 0) {
        return Op.syscall(new Syscall("open", -1, path, 0), "io open");
      }
      int k = i - 1;
      if (k < 2 * p.steps()) {
        return k % 2 == 0
            ? compute
            : Op.syscall(new Syscall("write", 3, path, p.message()), "io write");
      }
      return k == 2 * p.steps() ? Op.syscall(new Syscall("close", 3, path, 0), "io close") : null;
    }
  }
}
