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
    return TorusParams.from(v);
  }
}
