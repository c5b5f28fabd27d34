package org.fusedsim.scenarios.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Messages stay one line of a terminal whatever the input echoed into them. */
class MessagesTest {
  @Test
  void controlCharactersAreEscaped() {
    assertEquals(
        "got '\\x1b[2J' and '\\n' and '\\t'",
        Messages.oneLine("got '\u001b[2J' and '\n' and '\t'"));
  }

  @Test
  void onlyLongQuotedValuesAreCutAndApostrophesAreNotQuotes() {
    String v = "y".repeat(200);
    assertEquals(
        "RoQ's layout: got '" + "y".repeat(80) + "...' (200 characters, cut at 80); it's fine",
        Messages.oneLine("RoQ's layout: got '" + v + "'; it's fine"));
    assertEquals("kind: got 'short'", Messages.oneLine("kind: got 'short'"));
  }

  @Test
  void theWholeMessageIsBounded() {
    String m = Messages.oneLine("x".repeat(5000));
    assertTrue(m.length() < Messages.MAX_MESSAGE + 40, m);
    assertTrue(m.endsWith("... (4000 more characters)"), m);
  }
}
