package org.fusedsim.scenarios.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.fusedsim.core.Metric;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.regress.ReplicationSummary;
import org.fusedsim.scenarios.run.RunRecord;

/**
 * Writes {@code results.json}: only simulated quantities, in a fixed key order, with numbers
 * formatted by {@link Numbers} and {@code \n} line ends, so that the same scenario and seed give
 * the same bytes on every machine and JDK. Wall-clock figures go to {@link PerfJson} instead.
 */
public final class ResultsJson {
  /** The format identifier; bumped when the structure changes incompatibly. */
  public static final String FORMAT = "fusedsim-results/1";

  private ResultsJson() {}

  /** Renders the results of all runs of a scenario. */
  public static String render(Scenario s, String version, List<RunRecord> runs) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = pretty(out)) {
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeStringField("scenario", s.name());
      g.writeStringField("kind", s.kind().name());
      g.writeStringField("version", version);
      g.writeNumberField("seed", s.seed());
      g.writeNumberField("replications", s.replications());
      g.writeObjectFieldStart("parameters");
      for (Map.Entry<String, ParamValues> sec : s.sections().entrySet()) {
        g.writeObjectFieldStart(sec.getKey());
        for (Map.Entry<String, String> p : sec.getValue().formatted().entrySet()) {
          g.writeStringField(p.getKey(), p.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeArrayFieldStart("runs");
      for (RunRecord r : runs) {
        g.writeStartObject();
        g.writeStringField("personality", r.personality());
        g.writeNumberField("replication", r.replication());
        g.writeNumberField("simulated_time_ps", r.output().simulatedTimePs());
        g.writeNumberField("events", r.output().events());
        g.writeObjectFieldStart("metrics");
        for (Metric m : r.output().metrics().all()) {
          g.writeObjectFieldStart(m.name());
          g.writeFieldName("value");
          g.writeNumber(Numbers.format(m.value()));
          g.writeStringField("unit", m.unit());
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      if (s.replications() > 1) {
        // Optional section: files with one replication keep their bytes.
        ReplicationSummary.writeJson(g, runs);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString() + "\n";
  }

  /** A JSON generator that indents by two spaces with {@code \n} line ends on every platform. */
  public static JsonGenerator pretty(StringWriter out) throws IOException {
    JsonGenerator g = new JsonFactory().createGenerator(out);
    DefaultIndenter indent = new DefaultIndenter("  ", "\n");
    g.setPrettyPrinter(
        new DefaultPrettyPrinter().withObjectIndenter(indent).withArrayIndenter(indent));
    return g;
  }
}
