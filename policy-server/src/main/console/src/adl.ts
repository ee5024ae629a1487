// The ADL policy language for the editor: highlighting, and completion of clauses and
// built-ins with their one-line meaning from the language reference (docs/language.md).
import { StreamLanguage, HighlightStyle, syntaxHighlighting, type StringStream } from "@codemirror/language";
import { tags as t, Tag } from "@lezer/highlight";
import { snippetCompletion, type Completion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";

export const KEYWORDS = ["policy", "version", "markets", "inputs", "exposure", "stale_after", "buffer", "floor", "of",
  "max_use", "per", "event", "trigger", "when", "let", "eligible", "rank", "by", "reduce", "tier", "queue", "pro_rata",
  "cap", "notify", "quintile", "and", "or", "not",
  // version 2: the loss waterfall, latched triggers and the ADL fee
  "waterfall", "fund", "pool", "backstop", "until", "lifetime", "fee"];

/** Functions: name, signature, meaning. */
export const FUNCTIONS: [string, string, string][] = [
  ["abs", "abs(x)", "absolute value"],
  ["min", "min(x, y, ...)", "the smallest of two or more numbers"],
  ["max", "max(x, y, ...)", "the largest of two or more numbers"],
  ["sqrt", "sqrt(x)", "square root (not a number for x < 0)"],
  ["log", "log(x)", "natural logarithm (-infinity at 0, not a number below 0)"],
  ["clamp", "clamp(x, lo, hi)", "min(max(x, lo), hi)"],
  ["drawdown", "drawdown([\"<layer>\",] <duration>)", "a layer's fall from its peak within the window, as a fraction (the first layer without a name)"],
  ["balance", "balance(\"<layer>\")", "version 2: a waterfall layer's balance at the event"],
  ["exposure", "exposure(\"<source>\").notional | .collateral", "the account's notional or collateral on that source, 0 without a row"],
];

/** Built-in values: name, meaning, per position or per market. */
export const VALUES: [string, string, "position" | "market"][] = [
  ["size", "the position's size (always positive)", "position"],
  ["side", "+1 long, -1 short", "position"],
  ["entry_price", "average entry price", "position"],
  ["collateral", "margin held for the position", "position"],
  ["notional", "size * mark_price", "position"],
  ["entry_notional", "size * entry_price", "position"],
  ["upnl", "side * size * (mark_price - entry_price): unrealised profit", "position"],
  ["equity", "collateral + upnl", "position"],
  ["leverage", "notional / equity; +infinity when equity <= 0", "position"],
  ["pnl_pct", "upnl / entry_notional, a fraction (0.25 is +25%)", "position"],
  ["margin_ratio", "equity / notional, a fraction", "position"],
  ["account_equity", "version 2: the account's cross balance plus the equity of all its positions, each at its market's mark", "position"],
  ["account_notional", "version 2: the notional of all the account's positions across the venue's markets", "position"],
  ["account_leverage", "version 2: account_notional / account_equity; +infinity when account equity <= 0", "position"],
  ["account_positions", "version 2: how many positions the account holds across the venue's markets", "position"],
  ["insurance_fund", "the fund's balance before the event", "market"],
  ["open_interest", "the sum of all long sizes in the market, times the mark price", "market"],
  ["shortfall", "the bankrupt position's loss beyond its collateral at mark", "market"],
  ["bankruptcy_price", "the price at which the bankrupt position's equity is 0", "market"],
  ["mark_price", "the event's mark price", "market"],
];

/** Clauses in file order, each a snippet with its one-line meaning. */
const CLAUSES: [string, string, string][] = [
  ["policy", "policy \"${name}\" version ${1}", "header: the policy's name and whole-number version (required)"],
  ["markets", "markets \"${*-PERP}\"", "market patterns the policy applies to (default every market)"],
  ["inputs", "inputs {\n  exposure \"${source}\" stale_after ${60s}\n}", "exposure sources the formulas may read, with their freshness"],
  ["buffer", "buffer {\n  floor ${0}\n  max_use ${50%} per event\n}", "how much of the insurance fund may pay (floor, max_use, triggers)"],
  ["waterfall", "waterfall {\n  fund \"${fund}\" floor ${0} max_use ${50%} per event\n  pool \"${stakers}\" max_use ${30%} per event cap ${1_000_000} per ${24h}\n  backstop \"${clearing-house}\" cap ${5_000_000} lifetime\n}", "version 2: the layers that pay before ADL, in order (fund, pool, backstop)"],
  ["trigger", "trigger when ${drawdown(8h) > 30%}", "inside buffer or waterfall: no layer pays while this market condition holds"],
  ["until", "until ${drawdown(8h) < 10%}", "version 2, after trigger when: the trigger latches until this condition holds"],
  ["let", "let ${name} = ${expression}", "a named value, per position"],
  ["eligible", "eligible when ${upnl > 0}", "which opposite positions are candidates (default all)"],
  ["rank by", "rank by ${pnl_pct * leverage}", "the queue's score, highest first; branches may have `when`"],
  ["reduce", "reduce {\n  tier \"${everyone}\" : ${queue}\n}", "how the size is shared: tiers in order (required)"],
  ["tier", "tier \"${name}\" when ${leverage >= 25} : ${pro_rata 100%}", "inside reduce: a layer of candidates and its method"],
  ["cap", "cap ${5%} of open_interest per event", "the most one event may deleverage"],
  ["notify", "notify when quintile >= ${4}", "warn traders at or above this queue quintile"],
  ["fee", "fee ${0.1%}", "version 2, inside reduce after the tiers: a fee on each ADL fill's notional, paid into the first pool"],
];

const percentage = Tag.define(t.number);
const duration = Tag.define(t.number);

interface State { afterTier: boolean }

function token(stream: StringStream, state: State): string | null {
  if (stream.eatSpace()) return null;
  if (stream.match("#") || stream.match("//")) {
    stream.skipToEnd();
    return "comment";
  }
  if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) {
    const layer = state.afterTier;
    state.afterTier = false;
    return layer ? "layer" : "string";
  }
  if (stream.match(/^[0-9][0-9_]*(\.[0-9]+)?%/)) return "percentage";
  if (stream.match(/^[0-9]+[smhd](?![A-Za-z0-9_])/)) return "duration";
  if (stream.match(/^[0-9][0-9_]*(\.[0-9]+)?/)) return "number";
  const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/) as RegExpMatchArray | null;
  if (word) {
    const w = word[0];
    // the string after these words names a tier, a source or a waterfall layer
    state.afterTier = ["tier", "exposure", "fund", "pool", "backstop"].includes(w);
    if (KEYWORDS.includes(w)) return "keyword";
    if (FUNCTIONS.some((f) => f[0] === w)) return "function";
    if (VALUES.some((v) => v[0] === w)) return "builtin";
    return "variable";
  }
  stream.next();
  return "operator";
}

export const adlLanguage = StreamLanguage.define<State>({
  name: "adl",
  startState: () => ({ afterTier: false }),
  token,
  tokenTable: {
    keyword: t.keyword, function: t.function(t.standard(t.variableName)), builtin: t.standard(t.variableName),
    variable: t.variableName, percentage, duration, layer: t.labelName, number: t.number, string: t.string,
    comment: t.lineComment, operator: t.operator,
  },
  languageData: { commentTokens: { line: "#" } },
});

export const adlHighlight = syntaxHighlighting(HighlightStyle.define([
  { tag: t.keyword, color: "#7a2da8", fontWeight: "600" },
  { tag: t.function(t.standard(t.variableName)), color: "#0b6e8a" },
  { tag: t.standard(t.variableName), color: "#0b6e8a", fontStyle: "italic" },
  { tag: percentage, color: "#a35200", fontWeight: "600" },
  { tag: duration, color: "#8a5a00", textDecoration: "underline dotted" },
  { tag: t.labelName, color: "#1e7a3c", fontWeight: "600" },
  { tag: t.number, color: "#a35200" },
  { tag: t.string, color: "#1e7a3c" },
  { tag: t.lineComment, color: "#6b7280", fontStyle: "italic" },
]));

const completions: Completion[] = [
  ...CLAUSES.map(([label, snippet, info]) => snippetCompletion(snippet, { label, type: "keyword", detail: "clause", info })),
  ...FUNCTIONS.map(([label, sig, info]) => ({ label, type: "function", detail: sig, info })),
  ...VALUES.map(([label, info, kind]) => ({ label, type: "variable", detail: "per " + kind, info })),
  ...["queue", "pro_rata", "and", "or", "not", "when", "per event", "of open_interest", "stale_after", "lifetime"]
    .map((label) => ({ label, type: "keyword" })),
];

/** Completion of clauses, functions and built-in values, with each one's meaning beside it. */
export function adlCompletions(ctx: CompletionContext): CompletionResult | null {
  const word = ctx.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
  if (!word && !ctx.explicit) return null;
  const line = ctx.state.doc.lineAt(ctx.pos);
  const before = line.text.slice(0, ctx.pos - line.from);
  if (/#|\/\//.test(before) || /"[^"]*$/.test(before)) return null; // no completion in comments or strings
  return { from: word ? word.from : ctx.pos, options: completions, validFor: /^[A-Za-z_][A-Za-z0-9_]*$/ };
}
