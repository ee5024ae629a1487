package dev.adl.compile;

import dev.adl.ast.Expr;
import dev.adl.diag.Diagnostic;

import java.util.List;

/** Reads version 2's {@code drawdown("<layer>", <window>)} and {@code balance("<layer>")} as a {@link LayerKey}. */
final class LayerCalls {
    private LayerCalls() {
    }

    /** The key of a call naming a layer, or null for {@code drawdown(<window>)} without one. */
    static LayerKey key(Expr.Call c, List<String> layers) {
        if (c.args().isEmpty() || !(c.args().get(0) instanceof Expr.LayerName name)) return null;
        int index = layers.indexOf(name.name());
        if (index < 0) {
            throw new CompileError(Diagnostic.error("compile", "unknown layer in a call", name.pos()));
        }
        if (c.function().equals("balance")) {
            if (c.args().size() != 1) throw new CompileError(Diagnostic.error("compile", "`balance` takes one layer", c.pos()));
            return LayerKey.balance(index);
        }
        if (c.args().size() != 2 || !(c.args().get(1) instanceof Expr.Num window)) {
            throw new CompileError(Diagnostic.error("compile", "`drawdown` takes a layer and one duration", c.pos()));
        }
        return new LayerKey(index, window.value().longValueExact());
    }
}
