package org.fusedsim.scenarios.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version, from a resource that Maven fills in at build time. */
public final class Version implements CommandLine.IVersionProvider {
  /** Returns the version string, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String get() {
    try (InputStream in =
        Version.class.getResourceAsStream("/org/fusedsim/scenarios/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"fusedsim " + get()};
  }
}
