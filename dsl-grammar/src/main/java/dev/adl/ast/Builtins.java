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
        LEVERAGE, PNL_PCT, MARGIN_RATIO,
        /** Account-level values over every market of the venue (version 2). */
        ACCOUNT_EQUITY(2), ACCOUNT_NOTIONAL(2), ACCOUNT_LEVERAGE(2), ACCOUNT_POSITIONS(2);

        /** The first language version that has the name; a version 1 policy may use it for a let. */
        public final int since;

        PositionVar() {
            this(1);
        }

        PositionVar(int since) {
            this.since = since;
        }

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
     * (arity is the least). {@code drawdown} takes one duration (in version 2 optionally after a
     * layer name) and is a market value; {@code balance} takes a layer name.
     */
    public enum Function {
        ABS(1), MIN(2), MAX(2), SQRT(1), LOG(1), CLAMP(3), DRAWDOWN(1),
        /** {@code balance("<layer>")} (version 2). */
        BALANCE(1, 2);

        public final int arity;
        /** The first language version that has the function. */
        public final int since;

        Function(int arity) {
            this(arity, 1);
        }

        Function(int arity, int since) {
            this.arity = arity;
            this.since = since;
        }

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Function> of(String name) {
            return Arrays.stream(values()).filter(v -> v.keyword().equals(name)).findFirst();
        }
    }
}
