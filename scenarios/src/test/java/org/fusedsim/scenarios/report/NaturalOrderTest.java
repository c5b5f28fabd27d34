package org.fusedsim.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Console tables list names as people read them and in units that fit the row. */
class NaturalOrderTest {
  @Test
  void digitsCompareByValueAndSizesByBytes() {
    List<String> names =
        new ArrayList<>(List.of("threads_30", "threads_4", "threads_15", "threads_1"));
    names.sort(NaturalOrder.INSTANCE);
    assertEquals(List.of("threads_1", "threads_4", "threads_15", "threads_30"), names);
    List<String> sizes = new ArrayList<>(List.of("1MiB", "8B", "1KiB", "512B", "64KiB"));
    sizes.sort(NaturalOrder.INSTANCE);
    assertEquals(List.of("8B", "512B", "1KiB", "64KiB", "1MiB"), sizes);
  }

  @Test
  void rowsAreScaledToTheirLargestValue() {
    Scaled t = Scaled.of("ns", List.of(144_777_000.0, 12.0));
    assertEquals("ms", t.unit());
    assertEquals("144.78", t.format(144_777_000.0, 5));
    assertEquals("us", Scaled.of("ns", List.of(2825.0)).unit());
    assertEquals("ns", Scaled.of("ns", List.of(0.5)).unit());
    assertEquals("MiB", Scaled.of("B", List.of(3.0 * (1 << 20))).unit());
    assertEquals("GB/s", Scaled.of("GB/s", List.of(1.85)).unit());
  }
}
