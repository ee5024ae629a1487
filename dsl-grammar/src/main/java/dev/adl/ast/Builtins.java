package dev.adl.ast;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The names the language defines, with their scope. docs/language.md gives their meaning and formulas. */
public final class Builtins {
    private Builtins() {
    }

    /** Per-position values: a column over the candidates. */
    public enum PositionVar {
        SIZE, SIDE, ENTRY_PRICE, COLLATERAL, NOTIONAL, ENTRY_NOTIONAL, UPNL, EQUITY,
        LEVERAGE, PNL_PCT, MARGIN_RATIO;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<PositionVar> of(String name) {
            return Arrays.stream(values()).filter(v -> v.keyword().equals(name)).findFirst();
        }
    }

    /**
     * Market values: one number per event, usable everywhere (also inside per-position
     * formulas). {@code mark_price} is a market value: every position of a market shares it.
     */
    public enum MarketVar {
        INSURANCE_FUND, OPEN_INTEREST, SHORTFALL, BANKRUPTCY_PRICE, MARK_PRICE;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<MarketVar> of(String name) {
            return Arrays.stream(values()).filter(v -> v.keyword().equals(name)).findFirst();
        }
    }

    /**
     * Functions with their arity. {@code min} and {@code max} take two or more arguments
     * (arity is the least). {@code drawdown} takes one duration and is a market value.
     */
    public enum Function {
        ABS(1), MIN(2), MAX(2), SQRT(1), LOG(1), CLAMP(3), DRAWDOWN(1);

        public final int arity;

        Function(int arity) {
            this.arity = arity;
        }

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Function> of(String name) {
            return Arrays.stream(values()).filter(v -> v.keyword().equals(name)).findFirst();
        }
    }
}
