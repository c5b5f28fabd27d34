package org.fusedsim.scenarios.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/**
 * The directory of a sweep, which lives as long as the study: the plan ({@code plan.json} and one
 * scenario file per point under {@code plan/}), each point's results under {@code points/ID/}
 * (written by the ordinary run machinery, so a point's directory appears only when complete), the
 * SLURM scripts under {@code slurm/}, and what {@code collect} merges at the top.
 *
 * <p>Resuming is finding the points whose {@code results.json} exists: the plan of the same sweep
 * is identical byte for byte, so a restarted sweep runs only what is missing; a different plan is
 * refused unless the caller starts over.
 */
public final class SweepDir {
  /** Format of {@code plan.json}. */
  public static final String FORMAT = "fusedsim-sweep-plan/1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;

  private SweepDir(Path root) {
    this.root = root;
  }

  /** Returns the directory. */
  public Path root() {
    return root;
  }

  /** The plan file. */
  public Path planFile() {
    return root.resolve("plan.json");
  }

  /** The scenario file of a point, as planned. */
  public Path planned(String id) {
    return root.resolve("plan").resolve(id + ".yaml");
  }

  /** The results directory of a point. */
  public Path point(String id) {
    return root.resolve("points").resolve(id);
  }

  /** Returns whether a point has its results. */
  public boolean complete(String id) {
    return Files.isRegularFile(point(id).resolve("results.json"));
  }

  /**
   * Opens an existing sweep directory, for {@code collect} and the SLURM tasks.
   *
   * @throws InputException if it holds no plan
   */
  public static SweepDir open(Path dir) {
    SweepDir d = new SweepDir(dir.toAbsolutePath().normalize());
    if (!Files.isRegularFile(d.planFile())) {
      throw new InputException(
          new Location(dir.toString(), 1, 1),
          "not a sweep directory (no plan.json; `fusedsim sweep FILE --out DIR` makes one)");
    }
    return d;
  }

  /**
   * Creates the directory and writes the plan, or checks that an existing one holds the same plan
   * (a resume). With {@code restart}, an existing sweep directory is emptied first.
   *
   * @param input the sweep file, which a restart must not delete
   * @throws InputException if the directory holds another sweep or something else
   */
  public static SweepDir prepare(Path dir, Sweep sweep, boolean restart, Path input) {
    Location where = new Location(dir.toString(), 1, 1);
    Path root = dir.toAbsolutePath().normalize();
    SweepDir d = new SweepDir(root);
    String plan = plan(sweep);
    try {
      if (Files.exists(root) && !Files.isDirectory(root)) {
        throw new InputException(where, "--out: exists and is not a directory");
      }
      if (Files.isDirectory(root) && !isEmpty(root)) {
        boolean ours = Files.isRegularFile(d.planFile());
        if (!ours && !restart) {
          throw new InputException(
              where,
              "--out: directory exists, is not empty and holds no sweep (add --force to"
                  + " replace it)");
        }
        if (ours && !restart) {
          String old = Files.readString(d.planFile(), StandardCharsets.UTF_8);
          String differs = differs(d, old, plan, sweep);
          if (differs != null) {
            throw new InputException(
                where,
                "--out: holds another sweep ("
                    + differs
                    + "); add --force to start it over, or choose another directory");
          }
          return d; // a resume: the same plan is in place
        }
        if (input != null && input.toAbsolutePath().normalize().startsWith(root)) {
          throw new InputException(where, "--out: holds " + input + ", which --force would delete");
        }
        clear(root);
      }
      Files.createDirectories(root.resolve("plan"));
      for (Point p : sweep.points()) {
        write(d.planned(p.id()), p.text());
      }
      // plan.json last: a directory with it has every point's scenario
      write(d.planFile(), plan);
      return d;
    } catch (IOException e) {
      throw new InputException(where, "--out: cannot write: " + e.getMessage());
    }
  }

  private static String differs(SweepDir d, String old, String plan, Sweep sweep)
      throws IOException {
    if (!old.equals(plan)) {
      return "its plan.json differs";
    }
    for (Point p : sweep.points()) {
      Path f = d.planned(p.id());
      if (!Files.isRegularFile(f)
          || !Files.readString(f, StandardCharsets.UTF_8).equals(p.text())) {
        return "the scenario of point " + p.id() + " differs";
      }
    }
    return null;
  }

  /** The plan as JSON: the sweep's identity, its axes and plots, and every point. */
  static String plan(Sweep sweep) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("scenario", sweep.name());
    root.put("description", sweep.description());
    root.put("kind", sweep.kind().name());
    ArrayNode axes = root.putArray("axes");
    for (Axis a : sweep.spec().axes()) {
      ObjectNode o = axes.addObject();
      o.put("key", a.key());
      o.put("unit", sweep.units().get(a.key()));
      o.put("zipped", a.zipped());
      ArrayNode values = o.putArray("values");
      for (int i = 0; i < a.values().size(); i++) {
        values.add(a.text(i));
      }
    }
    ArrayNode plots = root.putArray("plots");
    for (PlotSpec p : sweep.spec().plots()) {
      ObjectNode o = plots.addObject();
      o.put("metric", p.metric());
      o.put("x", p.x());
      ArrayNode lines = o.putArray("lines");
      p.lines().forEach(lines::add);
      o.put("log_x", p.logX());
    }
    ArrayNode points = root.putArray("points");
    for (Point p : sweep.points()) {
      ObjectNode o = points.addObject();
      o.put("id", p.id());
      ObjectNode values = o.putObject("values");
      p.values().forEach(values::put);
    }
    try {
      return JSON.writeValueAsString(root).replace("\r\n", "\n") + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the plan back.
   *
   * @throws InputException if it is not a plan of this format
   */
  public Plan readPlan() {
    try {
      JsonNode n = JSON.readTree(Files.readString(planFile(), StandardCharsets.UTF_8));
      if (n == null || !FORMAT.equals(n.path("format").asText())) {
        throw new InputException(
            new Location(planFile().toString(), 1, 1),
            "expected a plan of format " + FORMAT + " (made by another fusedsim?)");
      }
      return Plan.of(n);
    } catch (IOException e) {
      throw new InputException(
          new Location(planFile().toString(), 1, 1), "cannot read the plan: " + e.getMessage());
    }
  }

  /**
   * Holds the directory's lock while a process runs points from it, so that two sweeps do not run
   * the same points; the OS releases it if the process dies.
   *
   * @throws InputException if another process holds it
   */
  public Lock lock() {
    Path file = root.resolve(".sweep.lock");
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        ch.close();
        throw new InputException(
            new Location(root.toString(), 1, 1),
            "another fusedsim sweep is running in this directory");
      }
      FileLock held = l;
      return () -> {
        held.release();
        ch.close();
      };
    } catch (IOException e) {
      throw new InputException(
          new Location(root.toString(), 1, 1), "cannot lock the sweep: " + e.getMessage());
    }
  }

  /** The held lock of a sweep directory. */
  public interface Lock extends AutoCloseable {
    @Override
    void close() throws IOException;
  }

  /** Writes a file whole: into a temporary name beside it, then renamed over it. */
  static void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a file whole: into a temporary name beside it, then renamed over it. */
  static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp =
        file.resolveSibling("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    Files.write(tmp, bytes);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void clear(Path dir) throws IOException {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(all::add);
    }
    for (Path p : all) {
      if (!p.equals(dir)) {
        Files.delete(p);
      }
    }
  }
}
