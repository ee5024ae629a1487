package dev.adl.grammar;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the AST from a parse tree that had no syntax errors. It also enforces what the
 * grammar leaves loose on purpose: the order and multiplicity of clauses, which kind of
 * number each clause takes, and the words after {@code of} and after an exposure's dot.
 */
public final class AstBuilder {
    /** Clause keywords in the order LANGUAGE.md prescribes. */
    private static final List<String> CLAUSE_ORDER = List.of(
            "markets", "inputs", "buffer", "waterfall", "let", "eligible", "rank by", "reduce", "cap", "notify");
    private static final String OPEN_INTEREST = "open_interest";

    private final Spans spans;
    private final List<Diagnostic> out;
    private final ExprBuilder exprs;
    private final WaterfallBuilder waterfalls = new WaterfallBuilder(this);
    private final TierMethodBuilder tierMethods = new TierMethodBuilder(this);

    public AstBuilder(Spans spans, List<Diagnostic> out) {
        this.spans = spans;
        this.out = out;
        this.exprs = new ExprBuilder(spans, out);
    }

    public Policy build(AdlParser.PolicyContext ctx) {
        AdlParser.HeaderContext header = ctx.header();
        String name = LexicalCheck.unescape(header.name.getText());
        long version = version(header.version);

        List<Policy.StrLit> markets = new ArrayList<>();
        List<Policy.ExposureInput> inputs = new ArrayList<>();
        Policy.Buffer buffer = null;
        Policy.Waterfall waterfall = null;
        List<Policy.Let> lets = new ArrayList<>();
        Policy.Eligible eligible = null;
        List<Policy.RankBy> ranks = new ArrayList<>();
        Policy.Reduce reduce = null;
        Policy.Cap cap = null;
        Policy.Notify notify = null;

        Map<String, Integer> firstLine = new HashMap<>();
        int furthest = -1;
        for (AdlParser.ClauseContext clause : ctx.clause()) {
            ParserRuleContext c = (ParserRuleContext) clause.getChild(0);
            String keyword = keyword(c);
            int order = CLAUSE_ORDER.indexOf(keyword);
            SourcePos kwPos = Spans.of(c.getStart());
            boolean repeatable = keyword.equals("let") || keyword.equals("rank by");
            Integer seen = firstLine.putIfAbsent(keyword, kwPos.line());
            if (seen != null && !repeatable) {
                out.add(Diagnostic.error("duplicate-clause", "duplicate `" + keyword + "` clause; the first is on line "
                        + seen, kwPos));
                continue;
            }
            if (order < furthest) {
                out.add(Diagnostic.error("clause-order", "`" + keyword + "` must come before `"
                        + CLAUSE_ORDER.get(furthest) + "`", kwPos, "clauses go in this order: "
                        + String.join(", ", CLAUSE_ORDER.stream()
                        // the help names the version 2 clause only to a version 2 policy
                        .filter(k -> version >= 2 || !k.equals("waterfall")).map(k -> "`" + k + "`").toList())));
            }
            furthest = Math.max(furthest, order);
            if (c instanceof AdlParser.MarketsClauseContext m) {
                m.STRING().forEach(s -> markets.add(str(s.getSymbol())));
            } else if (c instanceof AdlParser.InputsClauseContext in) {
                in.exposureInput().forEach(e -> inputs.add(input(e)));
            } else if (c instanceof AdlParser.BufferClauseContext b) {
                buffer = buffer(b);
            } else if (c instanceof AdlParser.WaterfallClauseContext w) {
                waterfall = waterfalls.waterfall(w);
            } else if (c instanceof AdlParser.LetClauseContext l) {
                lets.add(new Policy.Let(l.name.getText(), expr(l.value), spans.of(l), Spans.of(l.name)));
            } else if (c instanceof AdlParser.EligibleClauseContext e) {
                eligible = new Policy.Eligible(expr(e.cond), spans.of(e));
            } else if (c instanceof AdlParser.RankClauseContext r) {
                ranks.add(new Policy.RankBy(expr(r.score), r.cond == null ? null : expr(r.cond), spans.of(r)));
            } else if (c instanceof AdlParser.ReduceClauseContext r) {
                reduce = reduce(r);
            } else if (c instanceof AdlParser.CapClauseContext cp) {
                cap = cap(cp);
            } else if (c instanceof AdlParser.NotifyClauseContext n) {
                notify = notify(n);
            }
        }
        return new Policy(name, version, markets, inputs, buffer, waterfall, lets, eligible, ranks, reduce, cap, notify,
                spans.of(header));
    }

    private static String keyword(ParserRuleContext c) {
        if (c instanceof AdlParser.MarketsClauseContext) return "markets";
        if (c instanceof AdlParser.InputsClauseContext) return "inputs";
        if (c instanceof AdlParser.BufferClauseContext) return "buffer";
        if (c instanceof AdlParser.WaterfallClauseContext) return "waterfall";
        if (c instanceof AdlParser.LetClauseContext) return "let";
        if (c instanceof AdlParser.EligibleClauseContext) return "eligible";
        if (c instanceof AdlParser.RankClauseContext) return "rank by";
        if (c instanceof AdlParser.ReduceClauseContext) return "reduce";
        if (c instanceof AdlParser.CapClauseContext) return "cap";
        if (c instanceof AdlParser.NotifyClauseContext) return "notify";
        throw new IllegalStateException("unknown clause " + c.getClass());
    }

    private long version(AdlParser.LiteralContext lit) {
        Expr.Num n = num(lit);
        BigDecimal v = n.value();
        if (n.kind() != Expr.NumKind.PLAIN || v.stripTrailingZeros().scale() > 0 || v.signum() <= 0
                || v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            out.add(Diagnostic.error("bad-version", "policy version must be a whole number of at least 1, found `"
                    + n.text() + "`", n.pos()));
            return 0;
        }
        return v.longValueExact();
    }

    private Policy.ExposureInput input(AdlParser.ExposureInputContext e) {
        Expr.Num stale = num(e.staleAfter);
        long seconds = 0;
        if (stale.kind() != Expr.NumKind.DURATION) {
            out.add(Diagnostic.error("expected-duration", "`stale_after` takes a duration, like `60s`, found `"
                    + stale.text() + "`", stale.pos()));
        } else if (stale.value().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            out.add(Diagnostic.error("expected-duration", "duration `" + stale.text() + "` is too long", stale.pos()));
        } else {
            seconds = stale.value().longValue();
        }
        return new Policy.ExposureInput(LexicalCheck.unescape(e.source.getText()), seconds, spans.of(e));
    }

    private Policy.Buffer buffer(AdlParser.BufferClauseContext b) {
        Policy.Floor floor = null;
        Policy.MaxUse maxUse = null;
        List<Policy.Trigger> triggers = new ArrayList<>();
        for (AdlParser.BufferItemContext item : b.bufferItem()) {
            if (item instanceof AdlParser.FloorItemContext f) {
                if (floor != null) {
                    duplicateInBuffer("floor", f, floor.pos());
                    continue;
                }
                Expr.Num amount = num(f.amount);
                floor = f.ofName == null
                        ? new Policy.Floor.Amount(amount(amount, "floor"), spans.of(f))
                        : new Policy.Floor.ShareOfOpenInterest(shareOfOpenInterest(amount, f.ofName, "floor"), spans.of(f));
            } else if (item instanceof AdlParser.MaxUseItemContext m) {
                if (maxUse != null) {
                    duplicateInBuffer("max_use", m, maxUse.pos());
                    continue;
                }
                maxUse = new Policy.MaxUse(percentage(num(m.share), "max_use", "50%"), spans.of(m));
            } else if (item instanceof AdlParser.TriggerItemContext t) {
                triggers.add(trigger(t.trigger()));
            }
        }
        return new Policy.Buffer(floor, maxUse, triggers, spans.of(b));
    }

    /** {@code trigger [when c] [until u]}; a word other than {@code until} after the condition is an error. */
    Policy.Trigger trigger(AdlParser.TriggerContext t) {
        Expr until = null;
        if (t.untilWord != null) {
            if (!t.untilWord.getText().equals("until")) {
                out.add(Diagnostic.error("syntax-error", "unexpected `" + t.untilWord.getText()
                        + "` after a trigger condition; expected `until`", Spans.of(t.untilWord)));
            }
            until = expr(t.untilCond);
        }
        return new Policy.Trigger(t.cond == null ? null : expr(t.cond), until, spans.of(t));
    }

    private void duplicateInBuffer(String what, ParserRuleContext item, SourcePos first) {
        duplicateIn("buffer", what, item, first);
    }

    void duplicateIn(String block, String what, ParserRuleContext item, SourcePos first) {
        out.add(Diagnostic.error("duplicate-clause", "duplicate `" + what + "` in `" + block + "`; the first is on line "
                + first.line(), Spans.of(item.getStart())));
    }

    /** A repeated option of one waterfall layer. */
    void duplicateIn(Policy.StrLit layer, String what, ParserRuleContext item, SourcePos first) {
        out.add(Diagnostic.error("duplicate-clause", "duplicate `" + what + "` in layer `" + layer.value()
                + "`; the first is on line " + first.line(), Spans.of(item.getStart())));
    }

    void error(Diagnostic d) {
        out.add(d);
    }

    SourcePos span(ParserRuleContext c) {
        return spans.of(c);
    }

    private Policy.Reduce reduce(AdlParser.ReduceClauseContext r) {
        List<Policy.Tier> tiers = new ArrayList<>();
        Policy.Fee fee = null;
        Policy.FillAt fillAt = null;
        for (AdlParser.ReduceItemContext item : r.reduceItem()) {
            if (item.fillWord != null) {
                if (fillAt != null) {
                    duplicateIn("reduce", "fill at", item, fillAt.pos());
                } else {
                    fillAt = tierMethods.fillAt(item);
                }
                continue;
            }
            if (item.tier() == null) {
                if (fee != null) {
                    duplicateIn("reduce", "fee", item, fee.pos());
                } else {
                    fee = new Policy.Fee(num(item.rate), true, spans.of(item));
                }
                continue;
            }
            if (fee != null && fee.afterTiers()) fee = new Policy.Fee(fee.rate(), false, fee.pos());
            if (fillAt != null && fillAt.afterTiers()) fillAt = new Policy.FillAt(fillAt.price(), false, fillAt.pos());
            AdlParser.TierContext t = item.tier();
            Policy.TierMethod method;
            if (t.tierMethod() instanceof AdlParser.ProRataMethodContext p) {
                method = new Policy.TierMethod.ProRata(percentage(num(p.share), "pro_rata", "100%"),
                        p.weight == null ? null : expr(p.weight), spans.of(p));
            } else if (t.tierMethod() instanceof AdlParser.NamedMethodContext n) {
                method = tierMethods.named(n);
                if (method == null) continue;
            } else {
                method = new Policy.TierMethod.Queue(spans.of(t.tierMethod()));
            }
            tiers.add(new Policy.Tier(str(t.name), t.cond == null ? null : expr(t.cond), method, spans.of(t)));
        }
        return new Policy.Reduce(tiers, fee, fillAt, spans.of(r));
    }

    private Policy.Cap cap(AdlParser.CapClauseContext c) {
        Expr.Num amount = num(c.amount);
        return c.ofName == null
                ? new Policy.Cap.Amount(amount(amount, "cap"), spans.of(c))
                : new Policy.Cap.ShareOfOpenInterest(shareOfOpenInterest(amount, c.ofName, "cap"), spans.of(c));
    }

    private Policy.Notify notify(AdlParser.NotifyClauseContext n) {
        Expr.Num t = num(n.threshold);
        BigDecimal v = t.value();
        int quintile;
        if (t.kind() == Expr.NumKind.PLAIN && v.stripTrailingZeros().scale() <= 0
                && v.compareTo(BigDecimal.ONE) >= 0 && v.compareTo(BigDecimal.valueOf(5)) <= 0) {
            quintile = v.intValueExact();
        } else {
            out.add(Diagnostic.error("bad-quintile", "quintile threshold must be a whole number from 1 to 5, found `"
                    + t.text() + "`", t.pos()));
            // A value in range keeps the checker from reporting the same threshold again.
            quintile = 5;
        }
        return new Policy.Notify(quintile, spans.of(n), t.pos());
    }

    Expr.Num amount(Expr.Num n, String clause) {
        if (n.kind() == Expr.NumKind.PERCENT) {
            out.add(Diagnostic.error("expected-amount", "a percentage `" + clause + "` needs `of open_interest`",
                    n.pos(), "write `" + clause + " " + n.text() + " of open_interest`"));
        } else if (n.kind() == Expr.NumKind.DURATION) {
            out.add(Diagnostic.error("expected-amount", "`" + clause + "` takes an amount, like `250_000`, found `"
                    + n.text() + "`", n.pos()));
        }
        return n;
    }

    Expr.Num shareOfOpenInterest(Expr.Num n, Token ofName, String clause) {
        if (!ofName.getText().equals(OPEN_INTEREST)) {
            out.add(Diagnostic.error("expected-open-interest", "expected `open_interest` after `of`, found `"
                    + ofName.getText() + "`", Spans.of(ofName)));
        }
        return percentage(n, clause + " ... of open_interest", "5%");
    }

    Expr.Num percentage(Expr.Num n, String clause, String example) {
        if (n.kind() != Expr.NumKind.PERCENT) {
            out.add(Diagnostic.error("expected-percentage", "`" + clause + "` takes a percentage, like `" + example
                    + "`, found `" + n.text() + "`", n.pos()));
        }
        return n;
    }

    Policy.StrLit str(Token t) {
        return new Policy.StrLit(LexicalCheck.unescape(t.getText()), Spans.of(t));
    }

    Expr expr(AdlParser.ExprContext ctx) {
        return exprs.visit(ctx);
    }

    /** A number, percentage or duration literal, scaled as {@link Expr.Num} documents. */
    static Expr.Num num(AdlParser.LiteralContext lit) {
        Token t = lit.getStart();
        String text = t.getText();
        String digits = text.replace("_", "");
        return switch (t.getType()) {
            case AdlLexer.PERCENT -> new Expr.Num(new BigDecimal(digits.substring(0, digits.length() - 1)).movePointLeft(2),
                    Expr.NumKind.PERCENT, text, Spans.of(t));
            case AdlLexer.DURATION -> new Expr.Num(new BigDecimal(new BigInteger(digits.substring(0, digits.length() - 1))
                    .multiply(BigInteger.valueOf(unitSeconds(digits.charAt(digits.length() - 1))))),
                    Expr.NumKind.DURATION, text, Spans.of(t));
            default -> new Expr.Num(new BigDecimal(digits), Expr.NumKind.PLAIN, text, Spans.of(t));
        };
    }

    private static long unitSeconds(char unit) {
        return switch (unit) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3_600;
            case 'd' -> 86_400;
            default -> throw new IllegalArgumentException("unknown duration unit " + unit);
        };
    }
}
