package org.fusedsim.scenarios.app;

import org.fusedsim.bgq.chip.Work;
import org.fusedsim.spc.Syscall;

/**
 * One action of an MPI rank's program.
 *
 * @param kind what it does
 * @param peer the other rank of a point-to-point action (job-local), -1 otherwise
 * @param bytes a message's size (per rank for collectives)
 * @param flops floating-point operations of a computation or of a reduction's combine
 * @param work the computation as chip work, or null to derive it from {@code flops}
 * @param ps a sleep's length
 * @param call the system call of a {@link Kind#SYSCALL}, null otherwise
 * @param where where the action was written (a trace's file, line and column, or the motif), for
 *     error messages
 */
public record Op(
    Op.Kind kind,
    int peer,
    long bytes,
    double flops,
    Work work,
    long ps,
    Syscall call,
    String where) {
  /** What an action does. */
  public enum Kind {
    /** Nothing to model (MPI_Init, MPI_Finalize). */
    NOTHING,
    /** Computation on the rank's hardware thread (and its helper threads). */
    COMPUTE,
    /** Time off the processor (a sleep). */
    SLEEP,
    /** Blocking send. */
    SEND,
    /** Non-blocking send (completes as PAMI's send does; nothing to wait for). */
    ISEND,
    /** Blocking receive of the rank's next message. */
    RECV,
    /** Non-blocking receive, completed by a later wait. */
    IRECV,
    /** Wait for the oldest outstanding receive. */
    WAIT,
    /** Wait for every outstanding receive. */
    WAITALL,
    /** MPI_Barrier of the job. */
    BARRIER,
    /** MPI_Bcast of the job. */
    BCAST,
    /** MPI_Allreduce (and MPI_Reduce) of the job. */
    ALLREDUCE,
    /** MPI_Alltoall of the job. */
    ALLTOALL,
    /** A system call through the node's personality. */
    SYSCALL
  }

  /** An action without operands. */
  public static Op of(Kind kind, String where) {
    return new Op(kind, -1, 0, 0, null, 0, null, where);
  }

  /** Computation of chip work {@code w}. */
  public static Op compute(Work w, String where) {
    return new Op(Kind.COMPUTE, -1, 0, 0, w, 0, null, where);
  }

  /** A point-to-point action with {@code peer}. */
  public static Op p2p(Kind kind, int peer, long bytes, String where) {
    return new Op(kind, peer, bytes, 0, null, 0, null, where);
  }

  /** A collective of {@code bytes} per rank, combining {@code flops} on each rank. */
  public static Op collective(Kind kind, long bytes, double flops, String where) {
    return new Op(kind, -1, bytes, flops, null, 0, null, where);
  }

  /** A system call. */
  public static Op syscall(Syscall call, String where) {
    return new Op(Kind.SYSCALL, -1, call.bytes(), 0, null, 0, call, where);
  }
}
