package org.fusedsim.scenarios;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The module dependency direction of DESIGN.md, checked twice: on the Maven POMs (direct
 * dependencies) and on the compiled classes (no package reaches up or sideways).
 *
 * <pre>
 * scenarios -> cl-proxy -> fusedosfs -> spc-monitor -> bgq-hardware -> sim-core
 *                  \-----------------> roq-net -------------^
 * </pre>
 */
class ArchitectureTest {
  /** Direct dependencies each module's POM may declare, from the DESIGN.md diagram. */
  private static final Map<String, List<String>> DIRECT = new LinkedHashMap<>();

  /** Root package of each module. */
  private static final Map<String, String> PACKAGE = new LinkedHashMap<>();

  static {
    DIRECT.put("sim-core", List.of());
    DIRECT.put("bgq-hardware", List.of("sim-core"));
    DIRECT.put("spc-monitor", List.of("bgq-hardware"));
    DIRECT.put("fusedosfs", List.of("spc-monitor"));
    DIRECT.put("roq-net", List.of("bgq-hardware"));
    DIRECT.put("cl-proxy", List.of("fusedosfs", "roq-net"));
    DIRECT.put("scenarios", List.of("cl-proxy"));
    PACKAGE.put("sim-core", "org.fusedsim.core");
    PACKAGE.put("bgq-hardware", "org.fusedsim.bgq");
    PACKAGE.put("spc-monitor", "org.fusedsim.spc");
    PACKAGE.put("fusedosfs", "org.fusedsim.fusedosfs");
    PACKAGE.put("roq-net", "org.fusedsim.net");
    PACKAGE.put("cl-proxy", "org.fusedsim.cl");
    PACKAGE.put("scenarios", "org.fusedsim.scenarios");
  }

  private static TreeSet<String> reachable(String module) {
    TreeSet<String> out = new TreeSet<>();
    List<String> todo = new ArrayList<>(DIRECT.get(module));
    while (!todo.isEmpty()) {
      String m = todo.remove(todo.size() - 1);
      if (out.add(m)) {
        todo.addAll(DIRECT.get(m));
      }
    }
    return out;
  }

  @Test
  void pomsDeclareOnlyTheAllowedModuleDependencies() throws IOException {
    Pattern dep =
        Pattern.compile(
            "<dependency>\\s*<groupId>org\\.fusedsim</groupId>\\s*<artifactId>([a-z-]+)</artifactId>");
    for (String module : DIRECT.keySet()) {
      String pom = Files.readString(Path.of("..", module, "pom.xml"));
      TreeSet<String> declared = new TreeSet<>();
      Matcher m = dep.matcher(pom);
      while (m.find()) {
        declared.add(m.group(1));
      }
      assertEquals(new TreeSet<>(DIRECT.get(module)), declared, module + "/pom.xml");
    }
  }

  @Test
  void noPackageDependsUpwardOrSideways() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.fusedsim");
    for (String module : DIRECT.keySet()) {
      TreeSet<String> allowed = reachable(module);
      allowed.add(module);
      List<String> forbidden = new ArrayList<>();
      for (String other : PACKAGE.keySet()) {
        if (!allowed.contains(other)) {
          forbidden.add(PACKAGE.get(other) + "..");
        }
      }
      if (forbidden.isEmpty()) {
        continue;
      }
      noClasses()
          .that()
          .resideInAPackage(PACKAGE.get(module) + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(forbidden.toArray(new String[0]))
          .allowEmptyShould(true)
          .because("DESIGN.md: " + module + " may depend only on " + allowed)
          .check(classes);
    }
  }

  /**
   * No static mutable state (STYLE.md), which is what makes the points of a sweep safe to run side
   * by side on threads of one JVM: no field is static and non-final, and no static final field
   * holds a mutable collection or array that a model fills. The one exception is the process's list
   * of its staging files, for the exit hook that removes them (report.Scratch, synchronized).
   */
  @Test
  void noModelKeepsStaticMutableState() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.fusedsim");
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields()
        .that()
        .areStatic()
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveFullyQualifiedName("org.fusedsim.scenarios.report.Scratch")
        .should()
        .beFinal()
        .because("a sweep runs points on threads of one JVM (docs/sweeps.md)")
        .check(classes);
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields()
        .that()
        .areStatic()
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveFullyQualifiedName("org.fusedsim.scenarios.report.Scratch")
        .should()
        .haveRawType(java.util.HashMap.class)
        .orShould()
        .haveRawType(java.util.ArrayList.class)
        .orShould()
        .haveRawType(java.util.LinkedHashMap.class)
        .orShould()
        .haveRawType(java.util.LinkedHashSet.class)
        .orShould()
        .haveRawType(java.util.TreeMap.class)
        .because("a static collection would be shared by runs side by side")
        .check(classes);
  }
}
