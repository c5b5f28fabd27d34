package org.fusedsim.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few places allowed to use an API that the build bans for determinism (wall clock for
 * perf.json and benchmarks, for example). The forbidden-apis check honours any annotation with this
 * simple name.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE, ElementType.FIELD})
public @interface SuppressForbidden {
  /** Why the banned API is needed here. */
  String reason();
}
