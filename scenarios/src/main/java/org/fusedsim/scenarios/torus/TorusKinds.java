package org.fusedsim.scenarios.torus;

import org.fusedsim.bgq.torus.ShapeException;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.Scenario;

/** What the scenario kinds on the torus share: reading and checking the {@code torus} section. */
public final class TorusKinds {
  private TorusKinds() {}

  /**
   * Builds the torus parameters of a scenario.
   *
   * @throws CheckException at {@code torus.shape} or {@code torus.mesh} when the shape is invalid
   */
  public static TorusParams params(Scenario s) {
    return params(s.section(TorusParams.KIND));
  }

  /**
   * Builds the torus parameters of a {@code torus} section.
   *
   * @throws CheckException at {@code torus.shape} or {@code torus.mesh} when the shape is invalid
   */
  public static TorusParams params(ParamValues v) {
    TorusShape shape;
    try {
      shape = TorusShape.parse(v.text("shape"));
    } catch (ShapeException e) {
      throw new CheckException(TorusParams.KIND, "shape", e.getMessage());
    }
    try {
      shape.withMesh(v.text("mesh"));
    } catch (ShapeException e) {
      throw new CheckException(TorusParams.KIND, "mesh", e.getMessage());
    }
    long chunk = v.size("payload_chunk").bytes();
    long payload = v.size("max_payload").bytes();
    if (payload % chunk != 0 || payload < chunk) {
      throw new CheckException(
          TorusParams.KIND,
          "payload_chunk",
          "max_payload "
              + payload
              + " B is not a whole number of "
              + chunk
              + " B chunks (the payload is carried in whole chunks)");
    }
    try {
      return TorusParams.from(v);
    } catch (IllegalArgumentException e) {
      // The remaining cross-parameter rules: a link's deterministic VC holds two maximum packets,
      // its dynamic VC one.
      String field = e.getMessage().startsWith("dynamic_buffer") ? "dynamic_buffer" : "link_buffer";
      throw new CheckException(TorusParams.KIND, field, e.getMessage());
    }
  }
}
