package org.fusedsim.scenarios.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads YAML into {@link YamlNode}s that remember their line and column. Jackson's YAML parser does
 * the parsing; this class only turns its token stream into a located tree and rejects duplicate
 * keys and multiple documents, which Jackson would accept silently.
 *
 * <p>Anchors and aliases are resolved here (Jackson hands an alias over as the anchor's name): an
 * alias stands for the node its anchor marked, an undefined alias is an error at its location, and
 * the nodes aliases add are counted against {@link #MAX_NODES} so that an alias bomb is refused
 * instead of expanded. Tags are refused: nothing in a scenario needs one, and a tag that changed a
 * value's type would be silently ignored otherwise.
 */
public final class YamlReader {
  private static final int MAX_DEPTH = 64;

  /** Most nodes a document may hold, counting each alias as a copy of its anchor's node. */
  public static final int MAX_NODES = 100_000;

  private final YAMLFactory factory = new YAMLFactory();

  /**
   * Parses one YAML document.
   *
   * @param source the name used in error locations (usually the path)
   * @param text the document
   * @throws InputException if the text is not valid YAML or has a duplicate key
   */
  public YamlNode read(String source, String text) {
    try (JsonParser p = factory.createParser(new StringReader(text))) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new InputException(
            new Location(source, 1, 1), "expected a YAML mapping, got an empty file");
      }
      YamlNode root = readValue(new Doc(source, scalarAnchors(source, text)), p, t, 0);
      JsonToken next = p.nextToken();
      if (next != null) {
        throw new InputException(
            loc(source, p.currentTokenLocation()), "expected a single YAML document");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String msg = e.getOriginalMessage();
      Location where = l == null ? new Location(source, 1, 1) : loc(source, l);
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof org.yaml.snakeyaml.reader.ReaderException r) {
          where = at(source, text, r.getPosition());
          break;
        }
      }
      throw new InputException(where, "invalid YAML: " + firstLine(msg));
    } catch (IOException e) {
      throw new InputException(new Location(source, 1, 1), "cannot read: " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof InputException ie) {
        throw ie;
      }
      // The YAML engine reports some malformed input (e.g. control characters) this way.
      Location where = new Location(source, 1, 1);
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof org.yaml.snakeyaml.reader.ReaderException r) {
          where = at(source, text, r.getPosition());
          break;
        }
      }
      throw new InputException(where, "invalid YAML: " + firstLine(String.valueOf(e.getMessage())));
    }
  }

  /** What one document has read so far: its anchors and how many nodes it holds. */
  private static final class Doc {
    final String source;
    final Map<String, YamlNode> anchors = new LinkedHashMap<>();
    final Map<Location, String> scalarAnchors;
    final Map<YamlNode, Integer> sizes = new java.util.IdentityHashMap<>();
    long nodes;

    Doc(String source, Map<Location, String> scalarAnchors) {
      this.source = source;
      this.scalarAnchors = scalarAnchors;
    }

    void count(Location here, long n) {
      nodes += n;
      if (nodes > MAX_NODES) {
        throw new InputException(
            here, "document expands to more than " + MAX_NODES + " values (through aliases)");
      }
    }
  }

  private YamlNode readValue(Doc doc, JsonParser p, JsonToken t, int depth) throws IOException {
    String source = doc.source;
    Location here = loc(source, p.currentTokenLocation());
    if (depth > MAX_DEPTH) {
      throw new InputException(here, "nesting deeper than " + MAX_DEPTH + " levels");
    }
    if (p instanceof YAMLParser yp) {
      if (yp.isCurrentAlias()) {
        String name = p.getText();
        YamlNode target = doc.anchors.get(name);
        if (target == null) {
          throw new InputException(
              here, "undefined alias '*" + name + "' (no anchor '&" + name + "' before it)");
        }
        doc.count(here, doc.sizes.getOrDefault(target, 1));
        return copy(target);
      }
      String tag = yp.getTypeId();
      if (tag != null) {
        String shown = tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring(18) : tag;
        throw new InputException(here, "YAML tags are not supported (found '" + shown + "')");
      }
    }
    String anchor = p instanceof YAMLParser yp ? yp.getObjectId() : null;
    if (anchor == null) {
      anchor = doc.scalarAnchors.get(here);
    }
    long before = doc.nodes;
    doc.count(here, 1);
    YamlNode node = readPlain(doc, p, t, depth, here);
    if (anchor != null) {
      doc.anchors.put(anchor, node);
      doc.sizes.put(node, (int) Math.min(Integer.MAX_VALUE, doc.nodes - before));
    }
    return node;
  }

  private YamlNode readPlain(Doc doc, JsonParser p, JsonToken t, int depth, Location here)
      throws IOException {
    String source = doc.source;
    switch (t) {
      case START_OBJECT:
        {
          YamlNode.Mapping m = YamlNode.Mapping.empty(here);
          JsonToken k;
          while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Location keyLoc = loc(source, p.currentTokenLocation());
            if (m.entries().containsKey(key)) {
              throw new InputException(
                  keyLoc, "duplicate key '" + key + "' (first at " + m.keyLocation(key) + ")");
            }
            YamlNode v = readValue(doc, p, p.nextToken(), depth + 1);
            m.entries().put(key, v);
            m.keyLocations().put(key, keyLoc);
          }
          return m;
        }
      case START_ARRAY:
        {
          List<YamlNode> items = new ArrayList<>();
          JsonToken i;
          while ((i = p.nextToken()) != JsonToken.END_ARRAY) {
            items.add(readValue(doc, p, i, depth + 1));
          }
          return new YamlNode.Sequence(items, here);
        }
      case VALUE_STRING:
        return new YamlNode.Scalar(p.getText(), here);
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw new InputException(here, "integer " + p.getText() + " is too large");
        }
        return new YamlNode.Scalar(p.getLongValue(), here);
      case VALUE_NUMBER_FLOAT:
        return new YamlNode.Scalar(p.getDoubleValue(), here);
      case VALUE_TRUE:
        return new YamlNode.Scalar(Boolean.TRUE, here);
      case VALUE_FALSE:
        return new YamlNode.Scalar(Boolean.FALSE, here);
      case VALUE_NULL:
        return new YamlNode.Scalar(null, here);
      default:
        throw new InputException(here, "unexpected YAML content (" + t + ")");
    }
  }

  /** A deep copy, so that an override applied through one alias does not change the others. */
  private static YamlNode copy(YamlNode n) {
    if (n instanceof YamlNode.Mapping m) {
      YamlNode.Mapping c = YamlNode.Mapping.empty(m.location());
      m.entries().forEach((k, v) -> c.entries().put(k, copy(v)));
      c.keyLocations().putAll(m.keyLocations());
      return c;
    }
    if (n instanceof YamlNode.Sequence s) {
      return new YamlNode.Sequence(s.items().stream().map(YamlReader::copy).toList(), s.location());
    }
    return n;
  }

  /**
   * Finds the anchors on scalars, which Jackson's parser does not hand over (it reports anchors on
   * mappings and lists only), by where each scalar starts; SnakeYAML's event stream, which Jackson
   * reads too, has them. Malformed text is left for Jackson to report.
   */
  private static Map<Location, String> scalarAnchors(String source, String text) {
    if (text.indexOf('&') < 0) {
      return Map.of();
    }
    Map<Location, String> out = new LinkedHashMap<>();
    try {
      for (Event e : new Yaml().parse(new StringReader(text))) {
        if (e instanceof ScalarEvent s && s.getAnchor() != null) {
          out.put(
              new Location(
                  source, s.getStartMark().getLine() + 1, s.getStartMark().getColumn() + 1),
              s.getAnchor());
        }
      }
    } catch (RuntimeException malformed) {
      // reported by the main parse
    }
    return out;
  }

  /** The line and column of the {@code offset}-th code point of {@code text}. */
  private static Location at(String source, String text, int offset) {
    int line = 1;
    int col = 1;
    int i = 0;
    for (int cp = 0; cp < offset && i < text.length(); cp++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new Location(source, line, col);
  }

  private static Location loc(String source, JsonLocation l) {
    return new Location(source, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable input";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
