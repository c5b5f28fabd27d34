package org.fusedsim.bgq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.stream.Collectors;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.junit.jupiter.api.Test;

class BgqComponentsTest {
  @Test
  void kindsAreUniqueAndEveryParameterIsDocumented() {
    List<String> kinds =
        BgqComponents.specs().stream().map(ComponentSpec::kind).collect(Collectors.toList());
    assertEquals(kinds.stream().distinct().count(), kinds.size(), kinds.toString());
    for (ComponentSpec s : BgqComponents.specs()) {
      assertEquals("bgq-hardware", s.module());
      ParamValues.builder(s).build(); // every default parses and is in range
      for (Parameter p : s.parameters()) {
        assertFalse(p.description().isBlank(), s.kind() + "." + p.name());
        String src = p.source();
        boolean tagged =
            src.startsWith("text")
                || src.startsWith("code")
                || src.startsWith("secondary")
                || src.startsWith("estimate: ")
                || src.startsWith("design choice");
        assertEquals(true, tagged, s.kind() + "." + p.name() + ": " + src);
      }
    }
  }
}
