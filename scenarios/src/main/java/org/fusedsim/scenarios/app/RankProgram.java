package org.fusedsim.scenarios.app;

/**
 * The program of every rank of an MPI job, produced on demand so that a million ranks of a regular
 * motif hold no list of actions.
 */
public interface RankProgram {
  /** Returns the number of ranks. */
  int ranks();

  /** Returns action {@code i} of rank {@code rank}, or null once the rank's program has ended. */
  Op op(int rank, int i);

  /** Returns a short name for reports ({@code bsp}, {@code halo3d}, a trace's file name). */
  String name();
}
