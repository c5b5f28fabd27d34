package org.fusedsim.bgq.chip;

import com.google.common.collect.ImmutableMap;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.fusedsim.core.Timer;
import org.fusedsim.core.TraceEvent;
import org.fusedsim.core.Tracer;

/**
 * One SMT hardware thread: the execution resource of whatever runs there (a Linux CPU, an SPC
 * monitor and its application thread, a CNK thread, the RoQ microcode). It runs at most one piece
 * of {@link Work} at a time: giving a busy thread more work is a model error and throws. See {@link
 * Chip} for the rate model.
 *
 * <p>A piece may carry a mark: it is then two sub-pieces, the work before the mark and the work
 * after it, run one after the other without an event between them. The thread passes from the first
 * to the second at the picosecond at which the first, run as a piece of its own, would have ended,
 * and the second goes on from there with the same arithmetic as a piece started then; so a marked
 * piece ends, and its mark is reported, exactly when two pieces would.
 */
public final class HardwareThread {
  private final Chip chip;
  private final int id;
  private Timer timer; // the end of the running piece; made when a piece is first planned
  private Work work;
  private Execution exec;
  private double left; // fraction of the piece still to do, 1 -> 0
  private double ipc = -1;
  private double memShare; // DRAM bytes per picosecond
  private double computePs;
  private double totalPs;
  private long lastUpdate;
  private boolean dirty;
  private boolean starting;
  private boolean spinning;
  private Work after; // the sub-piece after the mark, while the mark is ahead
  private LongConsumer mark;
  private long busyPs;
  private double issued;
  private long pieces;
  private long pieceStart;
  private Translation translation = Translation.STATIC;
  private CoreModel.Rating rating; // of the running profiled piece, null otherwise
  private double dramBytes;
  private Profiled profiled; // counters of profiled pieces, made when the first one starts
  // L1 bytes OS work (costs) displaced here since a profiled piece last started, and the refill the
  // running profiled piece pays for them, in cycles (once per piece, spread over it)
  private double polluted;
  private double pieceRefill;
  // DRAM bytes per instruction OS work moves: its L2 lines that the application's data evicted
  private double osDramPerInstruction;
  // L2 bytes OS work touched here that the chip has not yet charged to the profiled threads
  private double l2Touched;

  /** The counters only profiled pieces add to; most threads never run one. */
  private static final class Profiled {
    private double issued;
    private double l1Misses;
    private double l2Misses;
    private double eratMisses;
    private double tlbMisses;
    private double tlbCycles;
    private double refillCycles;
    private double l2RefillCycles;
  }

  HardwareThread(Chip chip, int id) {
    this.chip = chip;
    this.id = id;
  }

  /** Returns the core this thread belongs to. */
  public int core() {
    return id / chip.params().threadsPerCore();
  }

  /** Returns the thread's index within its core (0-3). */
  public int index() {
    return id % chip.params().threadsPerCore();
  }

  /** Returns the chip-wide thread id. */
  public int id() {
    return id;
  }

  /** Returns the chip this thread belongs to. */
  public Chip chip() {
    return chip;
  }

  /** Returns the component path, e.g. {@code R00-M0-N04-J07/core03/t2}. */
  public String path() {
    // made when asked (traces and messages), not kept: a partition has millions of threads
    return String.format(Locale.ROOT, "%s/core%02d/t%d", chip.path(), core(), index());
  }

  /** Returns whether the thread is running a piece of work. */
  public boolean busy() {
    return work != null;
  }

  /**
   * Starts {@code w} now; {@code done} runs when it completes.
   *
   * @throws IllegalStateException if the thread is already running work
   */
  public void run(Work w, Runnable done) {
    start(w, null, null, new Done("work", done));
  }

  /**
   * As {@link #run(Work, Runnable)}; {@code label} names the piece on the thread's timeline track
   * (e.g. {@code application}, {@code SPC monitor}).
   */
  public void run(Work w, String label, Runnable done) {
    start(w, null, null, new Done(label, done));
  }

  /**
   * Starts {@code w} now under {@code e}.
   *
   * @throws IllegalStateException if the thread is already running work
   */
  public void start(Work w, Execution e) {
    start(w, null, null, e);
  }

  /**
   * Starts {@code before}, then {@code afterMark}, now under {@code e}, as one piece; {@code m} is
   * told the time at which the thread passed from one to the other (no later than {@link
   * Execution#finished} or the {@link #suspend} that passes it; not at all if the piece is
   * suspended before, when {@link #suspend} returns what is left of {@code before} only).
   *
   * @param afterMark the work after the mark, or null for a piece without one
   * @throws IllegalStateException if the thread is already running work
   */
  public void start(Work before, Work afterMark, LongConsumer m, Execution e) {
    if (!(before.instructions() < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("a piece of work must be finite; spin() for a loop");
    }
    begin(before, afterMark, m, e, false);
  }

  private void begin(Work w, Work afterMark, LongConsumer m, Execution e, boolean spin) {
    if (work != null) {
      throw new IllegalStateException(
          "hardware thread " + path() + " is busy (" + exec + "), cannot start " + e);
    }
    work = w;
    exec = e;
    left = 1.0;
    ipc = -1;
    memShare = 0;
    rating = null;
    pieceRefill = spin ? 0 : refill(w);
    osDramPerInstruction = spin ? 0 : osDramPerInstruction(w);
    lastUpdate = chip.sim().now();
    pieceStart = lastUpdate;
    pieces++;
    if (afterMark != null && m != null) {
      after = afterMark;
      mark = m;
    } else {
      after = null;
      mark = null;
    }
    spinning = spin;
    dirty = true;
    starting = true;
    chip.changed(this);
    starting = false;
  }

  /**
   * Occupies the thread with an open-ended loop of {@code fpFraction} floating point (a polling
   * loop: RoQ's microcode waiting for descriptors, a PAMI rank waiting for packets): it issues at
   * the core's rate and takes its share of the issue slots, but never ends and costs no event.
   * {@link #suspend} stops it.
   *
   * @throws IllegalStateException if the thread is already running work
   */
  public void spin(double fpFraction, String owner) {
    begin(new Work(Double.POSITIVE_INFINITY, fpFraction, 0), null, null, new Spin(owner), true);
  }

  /** Returns whether the thread runs an open-ended loop ({@link #spin}). */
  public boolean spinning() {
    return spinning;
  }

  /**
   * Stops the running piece now and returns what is left of it (nothing if idle); the rest of the
   * chip is re-rated. A mark not yet passed is dropped.
   */
  public Work suspend() {
    if (work == null) {
      return new Work(0, 0, 0);
    }
    advance(chip.sim().now());
    Work rest = spinning ? new Work(0, 0, 0) : work.part(left);
    traceSlice(exec);
    if (timer != null) {
      timer.cancel();
    }
    clear();
    chip.changed(this);
    return rest;
  }

  /** Returns the instructions of the running piece still to issue, as of now (0 if idle). */
  public double instructionsLeft() {
    if (work == null || spinning) {
      return 0;
    }
    advance(chip.sim().now());
    return work.instructions() * left;
  }

  /** Returns when the running piece ends if its rates do not change, or -1 if idle. */
  public long projectedEnd() {
    if (work == null || spinning) {
      return -1;
    }
    return lastUpdate + remainingPs();
  }

  /**
   * Returns when the running piece will have {@code instructionsLeft} instructions left to issue if
   * its rates do not change (the time of a point inside it), or -1 if idle.
   */
  public long projectedTimeAtLeft(double instructionsLeft) {
    if (work == null || spinning) {
      return -1;
    }
    double f = work.instructions() == 0 ? 0 : instructionsLeft / work.instructions();
    return lastUpdate + Math.max(0, Math.round((left - f) * totalPs));
  }

  /** Returns the simulated time this thread has spent running work so far. */
  public long busyTime() {
    return busyPs + (work == null ? 0 : chip.sim().now() - lastUpdate);
  }

  /** Returns the instructions issued so far. */
  public double instructionsIssued() {
    return issued;
  }

  /** Returns the pieces of work started so far. */
  public long pieces() {
    return pieces;
  }

  /** Returns the current issue rate in instructions per cycle (0 when idle). */
  public double ipc() {
    return work == null ? 0 : ipc;
  }

  double fpFraction() {
    return work.fpFraction();
  }

  boolean movesMemory() {
    return work != null && memBytes(work) > 0;
  }

  /**
   * The DRAM bytes of {@code w} at the current rating (a profiled piece's depend on it; OS work
   * moves the lines of its own that the application's data evicted).
   */
  private double memBytes(Work w) {
    if (w.profile() == null) {
      return w.memoryBytes() + w.instructions() * osDramPerInstruction;
    }
    return rating == null ? 0 : w.instructions() * rating.bytesPerInstruction();
  }

  /** The DRAM bytes per instruction of OS work {@code w} at the chip's L2 pressure now. */
  private double osDramPerInstruction(Work w) {
    return w.profile() != null ? 0 : chip.params().core().osL2TouchBytes() * chip.l2Pressure();
  }

  /**
   * Passes the mark now if it is due (at or before {@code now}) without advancing past it: the chip
   * calls this before the L2 pressure changes, so that the part after the mark starts with the
   * pressure a piece started at the mark would have read.
   */
  void passMarkIfDue(long now) {
    if (work == null || spinning || after == null) {
      return;
    }
    long at = lastUpdate + Math.max(0, Math.round(left * totalPs));
    if (at <= now) {
      passMark(at);
    }
  }

  /** Returns whether the thread runs OS work: a piece without a profile, not a polling loop. */
  boolean runsOsWork() {
    return work != null && !spinning && work.profile() == null;
  }

  /**
   * Returns the L2 bytes OS work touched here since the last call, and forgets them: the chip
   * charges them to the profiled threads whose lines they displaced.
   */
  double takeL2Touched() {
    double b = l2Touched;
    l2Touched = 0;
    return b;
  }

  /**
   * The running profiled piece lost {@code bytes} of its L2 lines to OS work: it pays for the lines
   * it would have hit again (its L1 misses that hit the L2), each fetched from DRAM at {@code
   * dramCycles} and overlapped as its misses are, in what is left of the piece. The lines' bytes
   * are counted but take no bandwidth share: a few lines per interruption, while a share would make
   * a piece without DRAM traffic of its own a memory user. Returns the cycles charged.
   */
  double chargeL2Refill(double bytes, double dramCycles) {
    if (rating == null || spinning || left <= 1e-12 || bytes <= 0) {
      return 0;
    }
    CoreParams c = chip.params().core();
    // the share of the bytes its L1 misses bring that the L2 holds (an L2 line is two L1 lines)
    double fromL1 = rating.l1Misses() * c.l1Line();
    double reuse = fromL1 > 0 ? Math.max(0, 1 - rating.l2Misses() * c.l2Line() / fromL1) : 0;
    double lines = bytes * reuse / c.l2Line();
    double cycles = lines * dramCycles / work.profile().mlp();
    if (cycles <= 0) {
      return 0;
    }
    advance(chip.sim().now());
    // the piece's totals are for the whole of it: what is left pays the refill in full
    pieceRefill += cycles / left;
    dramBytes += lines * c.l2Line();
    profiled().l2RefillCycles += cycles;
    computePs = computePs(work) + pieceRefill * chip.params().cyclePs();
    recomputeTotal();
    return cycles;
  }

  /**
   * The cycles {@code w} pays to refill the L1 lines of its working set that OS work displaced on
   * this thread since the last profiled piece: each line an L2 hit, overlapped as its misses are.
   */
  private double refill(Work w) {
    WorkProfile p = w.profile();
    if (p == null) {
      return 0;
    }
    CoreParams c = chip.params().core();
    double lost = Math.min(polluted, Math.min(p.footprintBytes(), c.l1Bytes()));
    polluted = 0;
    double cycles = lost / c.l1Line() * Math.max(0, c.l2Cycles() - c.loadUseCycles()) / p.mlp();
    profiled().refillCycles += cycles;
    chip.addL1Refill(cycles);
    return cycles;
  }

  /** Adds the share {@code fraction} of the running piece to the counters. */
  private void count(double fraction) {
    double n = fraction * work.instructions();
    issued += n;
    if (work.profile() == null) {
      // OS work and other costs walk their own lines through the L1
      CoreParams c = chip.params().core();
      polluted = Math.min(c.l1Bytes(), polluted + n * c.osTouchBytes());
      l2Touched += n * c.osL2TouchBytes();
    }
    dramBytes += fraction * memBytes(work);
    if (rating != null) {
      Profiled p = profiled();
      p.issued += n;
      p.l1Misses += n * rating.l1Misses();
      p.l2Misses += n * rating.l2Misses();
      p.eratMisses += n * rating.eratMisses();
      p.tlbMisses += n * rating.tlbMisses();
      p.tlbCycles += n * rating.tlbCycles();
    }
  }

  private Profiled profiled() {
    if (profiled == null) {
      profiled = new Profiled();
    }
    return profiled;
  }

  WorkProfile profile() {
    return work == null ? null : work.profile();
  }

  CoreModel.Rating rating() {
    return rating;
  }

  /** Sets the rating of the running profiled piece; its DRAM traffic follows. */
  void setRating(CoreModel.Rating r) {
    rating = r;
    recomputeTotal();
  }

  /** Returns how this thread translates addresses. */
  public Translation translation() {
    return translation;
  }

  /**
   * Sets how this thread translates addresses (the personality that runs here decides); takes
   * effect for pieces rated from now on.
   */
  public void setTranslation(Translation t) {
    translation = t;
  }

  /** Returns the counters of what has run here so far (profiled pieces only, but DRAM bytes). */
  public Counters counters() {
    if (work != null) {
      advance(chip.sim().now());
    }
    Profiled p = profiled == null ? new Profiled() : profiled;
    return new Counters(
        issued,
        p.issued,
        dramBytes,
        p.l1Misses,
        p.l2Misses,
        p.eratMisses,
        p.tlbMisses,
        p.tlbCycles,
        p.refillCycles,
        p.l2RefillCycles);
  }

  /**
   * What a thread has issued and missed so far.
   *
   * @param instructions instructions issued, all pieces
   * @param profiledInstructions instructions of pieces with a {@link WorkProfile}
   * @param dramBytes bytes moved to and from DRAM, all pieces
   * @param l1Misses L1 data misses of profiled pieces
   * @param l2Misses L2 misses of profiled pieces
   * @param eratMisses data ERAT misses of profiled pieces
   * @param tlbMisses TLB misses of profiled pieces
   * @param tlbCycles stall cycles of the ERAT and TLB misses
   * @param refillCycles cycles profiled pieces spent refilling L1 lines that OS work displaced
   * @param l2RefillCycles cycles profiled pieces spent fetching back from DRAM the L2 lines that OS
   *     work anywhere on the chip displaced
   */
  public record Counters(
      double instructions,
      double profiledInstructions,
      double dramBytes,
      double l1Misses,
      double l2Misses,
      double eratMisses,
      double tlbMisses,
      double tlbCycles,
      double refillCycles,
      double l2RefillCycles) {
    /** Returns the sum of this and {@code o}. */
    public Counters plus(Counters o) {
      return new Counters(
          instructions + o.instructions,
          profiledInstructions + o.profiledInstructions,
          dramBytes + o.dramBytes,
          l1Misses + o.l1Misses,
          l2Misses + o.l2Misses,
          eratMisses + o.eratMisses,
          tlbMisses + o.tlbMisses,
          tlbCycles + o.tlbCycles,
          refillCycles + o.refillCycles,
          l2RefillCycles + o.l2RefillCycles);
    }

    /** No counts. */
    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  double memShare() {
    return memShare;
  }

  /** The piece's DRAM demand at its issue rate, bytes per picosecond. */
  double memoryDemand() {
    if (computePs <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    return memBytes(work) / computePs;
  }

  /**
   * The DRAM bytes per instruction of the running piece (infinite for traffic without
   * instructions).
   */
  double bytesPerInstruction() {
    double b = memBytes(work);
    if (b == 0) {
      return 0;
    }
    return work.instructions() > 0 ? b / work.instructions() : Double.POSITIVE_INFINITY;
  }

  void setIpc(double s) {
    ipc = s;
    computePs = computePs(work) + pieceRefill * chip.params().cyclePs();
    recomputeTotal();
  }

  /** The time {@code w} takes to issue at the current rate. */
  private double computePs(Work w) {
    return ipc <= 0 ? Double.POSITIVE_INFINITY : w.instructions() * chip.params().cyclePs() / ipc;
  }

  /** The time {@code w} takes at the current rates: the longer of issuing and moving its memory. */
  private double totalPs(Work w, double compute) {
    double bytes = memBytes(w);
    double mem = bytes == 0 ? 0 : bytes / memShare;
    return Math.max(w.instructions() == 0 ? 0 : compute, mem);
  }

  void setMemShare(double bytesPerPs) {
    memShare = bytesPerPs;
    recomputeTotal();
  }

  private void recomputeTotal() {
    totalPs = totalPs(work, computePs);
    dirty = true;
  }

  /** Brings the completed share up to {@code now} at the rates in force since the last update. */
  void advance(long now) {
    if (work == null) {
      return;
    }
    long dt = now - lastUpdate;
    if (dt <= 0) {
      return;
    }
    if (spinning) {
      issued += dt * ipc / chip.params().cyclePs();
      busyPs += dt;
      lastUpdate = now;
      return;
    }
    if (after != null) {
      long at = lastUpdate + Math.max(0, Math.round(left * totalPs));
      if (at <= now) {
        passMark(at);
        dt = now - at;
        if (dt <= 0) {
          return;
        }
      }
    }
    double newLeft = totalPs > 0 ? Math.max(0, left - dt / totalPs) : 0;
    count(left - newLeft);
    busyPs += dt;
    left = newLeft;
    lastUpdate = now;
  }

  /**
   * The sub-piece before the mark ends at {@code at}: the one after it starts there at the rates in
   * force, as a piece started then would, and the mark is told.
   */
  private void passMark(long at) {
    count(left);
    busyPs += at - lastUpdate;
    work = after;
    after = null;
    left = 1.0;
    lastUpdate = at;
    pieceRefill = 0;
    osDramPerInstruction = osDramPerInstruction(work);
    setIpc(ipc);
    LongConsumer m = mark;
    mark = null;
    m.accept(at);
  }

  void replanIfDirty() {
    if (!dirty || work == null) {
      return;
    }
    dirty = false;
    if (spinning) {
      return;
    }
    if (timer == null) {
      timer = chip.sim().timer(this::complete);
    }
    timer.cancel();
    // the rates hold since the last update, which may be earlier than now: a thread marked dirty
    // by passing its mark when someone only asked how far it was is replanned at a later change
    long delay = Math.max(0, lastUpdate + remainingPs() - chip.sim().now());
    timer.schedule(delay);
    if (!starting) {
      exec.rerated();
    }
  }

  /**
   * The time to the end of the piece at the current rates. With a mark still ahead, the time to the
   * mark and the time from the mark to the end are rounded each on its own, as two pieces split at
   * the mark would be: a folded step ends at the same picosecond as the steps it stands for.
   */
  private long remainingPs() {
    long ps = Math.round(left * totalPs);
    if (after != null) {
      ps += Math.round(totalPs(after, computePs(after)));
    }
    return ps;
  }

  private void complete() {
    long now = chip.sim().now();
    advance(now);
    if (after != null) {
      passMark(now);
    }
    count(left);
    left = 0;
    Execution e = exec;
    traceSlice(e);
    clear();
    e.finished();
    // re-rated after the owner's continuation: a piece that follows at once on this thread leaves
    // the siblings' rates (and their rounding) untouched, as if the two pieces were one
    if (work == null) {
      chip.changed(this);
    }
  }

  private void clear() {
    rating = null;
    spinning = false;
    work = null;
    exec = null;
    mark = null;
    after = null;
    ipc = -1;
  }

  /** Reports the piece that ends now as a slice on the thread's track, when tracing. */
  private void traceSlice(Execution e) {
    Tracer tr = chip.sim().tracer();
    long now = chip.sim().now();
    if (tr.enabled() && now > pieceStart) {
      tr.record(
          new TraceEvent(pieceStart, path(), e.toString(), now - pieceStart, ImmutableMap.of()));
    }
  }

  /** The owner of an open-ended loop; it never finishes. */
  private record Spin(String owner) implements Execution {
    @Override
    public void finished() {
      throw new IllegalStateException(owner + ": a polling loop cannot finish");
    }

    @Override
    public String toString() {
      return owner + " polling";
    }
  }

  /** The execution of a plain completion action. */
  private record Done(String label, Runnable action) implements Execution {
    @Override
    public void finished() {
      if (action != null) {
        action.run();
      }
    }

    @Override
    public String toString() {
      return label;
    }
  }
}
