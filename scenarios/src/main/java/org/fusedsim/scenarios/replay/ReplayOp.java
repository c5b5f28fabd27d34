package org.fusedsim.scenarios.replay;

import org.fusedsim.scenarios.trace.TraceRecord;
import org.fusedsim.spc.Syscall;

/**
 * One record of a loaded trace, prepared for replay: what kind of action it is, the call the
 * simulated application issues (its path already resolved from the descriptor table), and the
 * causal links (child thread, futex word, sleep).
 *
 * @param kind what the replay does with it
 * @param ts recorded start, ns
 * @param endNs recorded end (start + duration, or start when unknown), ns
 * @param call the call to issue ({@code null} for events)
 * @param child slot of the thread a clone creates or a wait4 reaps, -1 otherwise
 * @param futex index of the futex word within the trace, -1 otherwise
 * @param wakes waiters a FUTEX_WAKE woke (its return value)
 * @param waitNs how long a sleep lasts, or the longest a wait may last, ns
 * @param line the record's source line
 * @param callKey the index of the call's name, descriptor and path within the trace (records with
 *     the same key are classified alike), -1 for events
 * @param record the record as read, for {@code --emit-cst}; null unless the trace keeps records
 */
record ReplayOp(
    Kind kind,
    long ts,
    long endNs,
    Syscall call,
    int child,
    int futex,
    int wakes,
    long waitNs,
    int line,
    int callKey,
    TraceRecord record) {

  /** What the replay does with a record. */
  enum Kind {
    /** {@code !start}, {@code !signal}, {@code !mark}: a point in time only. */
    EVENT,
    /** {@code !exit}: the thread ends. */
    EXIT,
    /** A call completed by the simulated service. */
    CALL,
    /** clone: after the call the child thread starts. */
    CLONE,
    /** nanosleep: the call, then a wait of {@code waitNs}. */
    SLEEP,
    /** futex wait: the call, then until a wake on the word (or {@code waitNs} at most). */
    FUTEX_WAIT,
    /** futex wake: the call, then {@code wakes} waiters of the word may go on. */
    FUTEX_WAKE,
    /**
     * poll, a signal wait, a read of a pipe or socket: the call sleeps in the kernel for {@code
     * waitNs} (the readiness the trace recorded).
     */
    READY_WAIT,
    /** wait4/waitpid that reaped a child: the call, then until that thread ends. */
    WAIT_CHILD,
    /** A call that never returned in the trace ({@code ?}, not exit): the thread ends in it. */
    BLOCKED;

    static final Kind[] VALUES = values();
  }
}
