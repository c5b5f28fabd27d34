package org.fusedsim.scenarios.trace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: run a source to the end, write CST, list the real traces. */
public final class Traces {
  private Traces() {}

  static String cst(TraceSource src) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (src;
        CstWriter w = new CstWriter(out)) {
      TraceItem item;
      while ((item = src.next()) != null) {
        w.write(item);
      }
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  static List<TraceItem> items(TraceSource src) {
    List<TraceItem> items = new ArrayList<>();
    try (src) {
      TraceItem item;
      while ((item = src.next()) != null) {
        items.add(item);
      }
    }
    return items;
  }

  static List<TraceRecord> records(TraceSource src) {
    List<TraceRecord> out = new ArrayList<>();
    for (TraceItem i : items(src)) {
      if (i instanceof TraceRecord r) {
        out.add(r);
      }
    }
    return out;
  }

  static StraceImporter strace(String text) {
    return strace(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  static StraceImporter strace(byte[] bytes) {
    return new StraceImporter(new ByteArrayInputStream(bytes), "t.strace", "t.strace");
  }

  static CstReader reader(String text) {
    return reader(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  static CstReader reader(byte[] bytes) {
    return new CstReader(new ByteArrayInputStream(bytes), "t.cst");
  }

  static InputStream resource(String name) {
    InputStream in = Traces.class.getResourceAsStream("/traces/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return in;
  }

  /** The real strace files kept as test resources (copies of the project's shared traces). */
  public static List<String> realTraces() {
    try {
      Path dir = Path.of(Traces.class.getResource("/traces/dd.strace").toURI()).getParent();
      try (Stream<Path> s = Files.list(dir)) {
        return s.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".strace"))
            .sorted()
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(String name) {
    try (InputStream in = resource(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
