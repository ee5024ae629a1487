// Test suites and coverage: run a suite against a registered version (the server runs
// `adl test`'s engine) and show each policy line covered, partly covered or not, with the
// mutants that survived beside their lines.
import { postText, can, enc, errorMessage, message } from "./api";
import { h, clear, fillSelect } from "./dom";
import { policyList, versions, source } from "./policies";

interface Branch { clause: string; branch: string; events: number }
interface Line { line: number; status: "covered" | "partly_covered" | "not_covered"; branches: Branch[] }
interface Mutant { line: number; operator: string; change: string }
interface Report {
  policy: string; version: number; ok: boolean;
  cases: { total: number; passed: number; failed: number; failures: { case: string; differences: { field: string; expected: string; actual: string }[] }[] };
  suite_errors: string[];
  coverage: { branches: number; covered_branches: number; branch_coverage: number; lines: Line[] };
  mutants: { skipped: string | null; total: number; killed: number; rejected: number; survived: Mutant[]; crashed: (Mutant & { error: string })[] } | null;
}

const TEMPLATE = `# every case runs against the version chosen above; give positions and events inline
policy: policy.adl
cases:
  - name: the most profitable short goes first
    positions: |
      account,market,side,size,entry_price,collateral
      BL,BTC-PERP,long,10,1100,100
      S1,BTC-PERP,short,10,1200,1000
    event: {market: BTC-PERP, mark_price: "1000", lot_size: "1", insurance_fund: "0", now: "2026-01-01T00:00:00Z", bankrupt_account: BL}
    expect:
      adl_size: 10
`;

const LABEL = { covered: "covered", partly_covered: "partly covered", not_covered: "not covered" };

export function testsView(main: HTMLElement): void {
  const policy = h("select", { id: "test-policy" }) as HTMLSelectElement;
  const version = h("select", { id: "test-version" }) as HTMLSelectElement;
  const suite = h("textarea", { id: "test-suite", rows: 16, "aria-label": "suite YAML", spellcheck: "false" }) as HTMLTextAreaElement;
  const mutate = h("input", { id: "test-mutate", type: "checkbox" }) as HTMLInputElement;
  const out = h("div", { id: "test-result", "aria-live": "polite" });
  suite.value = TEMPLATE;
  const allowed = can("proposer", "approver");
  clear(main, h("h2", {}, "Tests and coverage"),
    h("section", { class: "card" },
      h("div", { class: "row" },
        h("div", { class: "field" }, h("label", { for: "test-policy" }, "policy"), policy),
        h("div", { class: "field" }, h("label", { for: "test-version" }, "version"), version)),
      h("div", { class: "field" }, h("label", { for: "test-suite" }, "suite (YAML, as `adl test` reads it)"), suite),
      h("div", { class: "actions" },
        h("label", {}, mutate, " also try mutants"),
        h("button", { id: "test-run", class: "primary", type: "button", disabled: !allowed,
          title: allowed ? "run the suite on the server" : "needs a proposer, approver or operator token", onclick: () => run() }, "Run suite"))),
    out);
  policy.addEventListener("change", () => loadVersions());

  async function loadVersions() {
    const vs = await versions(policy.value);
    fillSelect(version, vs.slice().reverse().map((v) => ({ value: String(v.version), label: `v${v.version}` })), false);
  }

  async function run() {
    clear(out, message("info", "running…"));
    try {
      const url = `/v1/policies/${enc(policy.value)}/versions/${enc(version.value)}/test${mutate.checked ? "?mutate=true" : ""}`;
      const [r, src] = await Promise.all([postText<Report>(url, suite.value, "application/yaml"), source(policy.value, version.value)]);
      showReport(out, r, src.source);
    } catch (e) {
      clear(out, errorMessage(e));
    }
  }

  (async () => {
    try {
      const ps = await policyList();
      fillSelect(policy, ps.map((p) => ({ value: p.name, label: p.name })));
      await loadVersions();
    } catch (e) {
      clear(out, errorMessage(e));
    }
  })();
}

function showReport(out: HTMLElement, r: Report, text: string): void {
  const byLine = new Map(r.coverage.lines.map((l) => [l.line, l]));
  const mutants = new Map<number, string[]>();
  for (const m of r.mutants?.survived ?? []) mutants.set(m.line, [...(mutants.get(m.line) ?? []), `survived: ${m.operator}: ${m.change}`]);
  for (const m of r.mutants?.crashed ?? []) mutants.set(m.line, [...(mutants.get(m.line) ?? []), `crashed: ${m.operator}: ${m.change}`]);
  const c = r.cases;
  clear(out,
    h("section", { class: "card" },
      message(r.ok ? "ok" : "error", `${r.policy} v${r.version}: ${c.passed} of ${c.total} cases passed; branch coverage ${r.coverage.branch_coverage}% (${r.coverage.covered_branches} of ${r.coverage.branches})`
        + (r.mutants ? `; mutants: ${r.mutants.killed} killed, ${r.mutants.survived.length} survived of ${r.mutants.total}${r.mutants.skipped ? ` (skipped: ${r.mutants.skipped})` : ""}` : "")),
      r.suite_errors.map((e) => message("error", e)),
      c.failures.length ? h("ul", { id: "test-failures" }, c.failures.map((f) => h("li", {}, f.case,
        h("ul", {}, f.differences.map((d) => h("li", {}, `${d.field}: expected ${d.expected}, got ${d.actual}`)))))) : null),
    h("section", { class: "card" }, h("h3", {}, "Coverage by line"),
      h("p", { class: "hint" }, "green: every branch seen · yellow: some · red: none; surviving mutants are listed beside their lines"),
      h("table", { class: "cov", id: "coverage" }, h("tbody", {}, text.split("\n").map((src, i) => {
        const n = i + 1;
        const l = byLine.get(n);
        const notes = [
          l ? `${LABEL[l.status]}: ${l.branches.map((b) => `${b.clause} ${b.branch} ×${b.events}`).join(", ")}` : "",
          ...(mutants.get(n) ?? []),
        ].filter(Boolean);
        return h("tr", { class: l?.status ?? "", "data-line": n },
          h("td", { class: "ln" }, n), h("td", { class: "src" }, src || " "),
          h("td", { class: "mark" }, notes.map((t, j) => h("div", { class: j > 0 || !l ? "mutant" : "" }, t))));
      })))));
}
