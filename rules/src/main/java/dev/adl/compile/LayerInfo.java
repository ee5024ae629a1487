package dev.adl.compile;

import dev.adl.ast.Policy;

/** A layer of a version 2 policy's waterfall, in order: its index, name (data, never code) and kind. */
public record LayerInfo(int index, String name, Policy.LayerKind kind) {
}
