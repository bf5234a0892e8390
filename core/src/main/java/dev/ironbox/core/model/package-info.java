/**
 * Ironbox's value types. Abstract {@code *Def} types are the source; Immutables generates the public immutable
 * type without the suffix (for example {@code RunResultDef} becomes {@code RunResult}, with {@code RunResult.builder()}).
 */
@Value.Style(
        typeAbstract = "*Def",
        typeImmutable = "*",
        visibility = Value.Style.ImplementationVisibility.PUBLIC,
        defaults = @Value.Immutable(copy = true),
        allParameters = false)
package dev.ironbox.core.model;

import org.immutables.value.Value;
