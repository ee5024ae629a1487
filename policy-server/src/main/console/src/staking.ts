// Staking pools: the venue's layers, a pool's ledger, its yield and share price over time, a
// staker's place, and the staking forms for a token bound to a staker (revenue for the treasury).
import { get, postJson, can, enc, message, errorMessage, currentCaller, ApiError } from "./api";
import { h, clear } from "./dom";
import { lineChart } from "./chart";

interface Layer { name: string; kind: string; balance: string; paid_total: string; cooldown?: string }
interface Pool {
  name: string; value: string; reserve: string; total_shares: string; share_price: string | null;
  cooldown: string; stakers: number; paid_total: string;
}
interface Yield { from: string | null; share_price_from: string | null; share_price_to: string | null; growth: string | null }
interface PoolDetail extends Pool {
  history: { at: string; value: string; total_shares: string; share_price: string | null }[];
  yield: Record<string, Yield>;
}
interface Request { shares: string; value_at_request: string; requested_at: string; withdrawable_from: string }
interface Staker { pool: string; staker: string; shares: string; value: string; share_price: string | null; request: Request | null }
interface Applied { pool: string; op: string; result: Record<string, string>; staker?: Staker | null; share_price: string | null }

let selected: string | null = null;

export function stakingView(main: HTMLElement): void {
  const layersBox = h("div", { id: "layers-table" }, "loading…");
  const poolsBox = h("div", { id: "pools-table" }, "loading…");
  const detail = h("div", { id: "pool-detail" });
  clear(main, h("h2", {}, "Staking pools"),
    h("div", { class: "row" },
      h("section", { class: "card grow", "aria-labelledby": "layers-h" }, h("h3", { id: "layers-h" }, "Layers"), layersBox),
      h("section", { class: "card grow", "aria-labelledby": "pools-h" }, h("h3", { id: "pools-h" }, "Pools"), poolsBox)),
    detail);
  (async () => {
    const pools = await lists();
    const open = pools.find((p) => p.name === selected) ?? pools[0];
    if (open) await showPool(detail, open.name, lists);
  })();

  /** The layers and pools tables, read again after every operation so their balances stay current. */
  async function lists(): Promise<Pool[]> {
    try {
      const [layers, pools] = await Promise.all([get<{ layers: Layer[] }>("/v1/layers"), get<{ pools: Pool[] }>("/v1/pools")]);
      clear(layersBox, table(["layer", "kind", "balance", "paid total"], layers.layers.map((l) =>
        h("tr", { "data-layer": l.name }, h("td", {}, l.name), h("td", {}, l.kind), num(l.balance), num(l.paid_total)))));
      clear(poolsBox, pools.pools.length === 0 ? message("info", "no staking pools yet") : table(
        ["pool", "value", "share price", "cooldown", "stakers", ""], pools.pools.map((p) => h("tr", { "data-pool": p.name },
          h("td", {}, p.name), num(p.value), num(p.share_price ?? "none"), h("td", {}, p.cooldown), num(p.stakers),
          h("td", {}, h("button", { type: "button", onclick: () => showPool(detail, p.name, lists) }, `open ${p.name}`))))));
      return pools.pools;
    } catch (e) {
      clear(layersBox, errorMessage(e));
      clear(poolsBox);
      return [];
    }
  }
}

async function showPool(box: HTMLElement, name: string, changed: () => Promise<unknown>): Promise<void> {
  selected = name;
  const numbers = h("div", { id: "pool-numbers" });
  const chart = h("div", { id: "pool-chart" });
  const lookupInput = h("input", { id: "staker-id", placeholder: "staker id" }) as HTMLInputElement;
  const stakerBox = h("div", { id: "staker-info", "aria-live": "polite" });
  const forms = h("div", { id: "staking-forms" });
  clear(box,
    h("div", { class: "row" },
      h("section", { class: "card grow", "aria-labelledby": "pool-h" }, h("h3", { id: "pool-h" }, `Pool ${name}`), numbers),
      h("section", { class: "card grow", "aria-labelledby": "chart-h" }, h("h3", { id: "chart-h" }, "Share price over time"), chart)),
    h("div", { class: "row" },
      h("section", { class: "card grow", "aria-labelledby": "staker-h" }, h("h3", { id: "staker-h" }, "Staker"),
        h("form", { class: "actions", onsubmit: (e: Event) => { e.preventDefault(); lookup(lookupInput.value.trim()); } },
          h("label", { for: "staker-id" }, "staker"), lookupInput, h("button", { type: "submit", id: "staker-lookup" }, "Look up")),
        stakerBox),
      h("section", { class: "card grow", "aria-labelledby": "forms-h" }, h("h3", { id: "forms-h" }, "Staking operations"), forms)));

  const refresh = async () => {
    try {
      const p = await get<PoolDetail>(`/v1/pools/${enc(name)}`);
      clear(numbers, h("table", {}, h("tbody", {},
        [["value", p.value], ["reserve", p.reserve], ["total shares", p.total_shares], ["share price", p.share_price ?? "none (no shares)"],
          ["cooldown", p.cooldown], ["stakers", String(p.stakers)], ["paid for events", p.paid_total],
          ["realised yield, 7 days", yieldText(p.yield["7d"])], ["realised yield, 30 days", yieldText(p.yield["30d"])]]
          .map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", { class: "num", "data-field": k }, v))))),
        h("p", { class: "hint" }, "realised yield: the growth of the share price over the window, not annualised"));
      clear(chart, lineChart("price-chart", `share price of ${name}`,
        p.history.map((pt) => ({ at: pt.at, value: pt.share_price }))));
    } catch (e) {
      clear(numbers, errorMessage(e));
    }
  };

  async function lookup(id: string) {
    if (!id) return;
    lookupInput.value = id;
    try {
      showStaker(stakerBox, await get<Staker>(`/v1/pools/${enc(name)}/stakers/${enc(id)}`));
    } catch (e) {
      clear(stakerBox, e instanceof ApiError && e.status === 404 ? message("info", e.message) : errorMessage(e));
    }
  }

  stakingForms(forms, name, async (staker) => {
    await Promise.all([refresh(), changed()]);
    if (staker) await lookup(staker);
  });
  await refresh();
  const own = currentCaller()?.staker;
  if (own) await lookup(own);
}

function showStaker(box: HTMLElement, s: Staker): void {
  const r = s.request;
  const rows: [string, string][] = [["shares", s.shares], ["value", s.value], ["share price", s.share_price ?? "none"]];
  if (r) {
    rows.push(["pending request", `${r.shares} shares, worth at most ${r.value_at_request}`], ["requested at", when(r.requested_at)],
      ["withdrawable from", `${when(r.withdrawable_from)}${Date.parse(r.withdrawable_from) > Date.now() ? ` (in ${until(r.withdrawable_from)})` : " (now)"}`]);
  } else {
    rows.push(["pending request", "none"]);
  }
  clear(box, h("table", { "data-staker": s.staker }, h("tbody", {},
    rows.map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", { class: "num", "data-field": k }, v))))));
}

/**
 * The forms of a staker's own operations (a staker token acts for its staker; an operator names
 * one) and the treasury's revenue; each shows the server's answer or refusal beside itself.
 */
function stakingForms(box: HTMLElement, pool: string, done: (staker: string | null) => Promise<void>): void {
  const c = currentCaller();
  const own = c?.staker ?? null;
  const operator = can("operator");
  const forOther = h("input", { id: "act-staker", placeholder: "staker id" }) as HTMLInputElement;
  const path = (p: string) => `/v1/pools/${enc(pool)}/${p}`;
  const who = () => (own ? null : forOther.value.trim());

  const form = (id: string, label: string, field: { name: string; label: string } | null, op: string,
                button: string, staker: boolean): HTMLElement => {
    const input = field ? h("input", { id: `${id}-${field.name}`, inputmode: "decimal", placeholder: "0.00000000" }) as HTMLInputElement : null;
    const status = h("div", { id: `${id}-status`, "aria-live": "polite" });
    return h("form", { class: "stake-form", id, onsubmit: async (e: Event) => {
      e.preventDefault();
      clear(status);
      const body: Record<string, string> = {};
      if (input && field) body[field.name] = input.value.trim();
      const acting = staker ? who() : null;
      if (acting) body.staker = acting;
      try {
        const a = await postJson<Applied>(path(op), body);
        status.append(message("ok", appliedText(a)));
        if (input) input.value = "";
        await done(staker ? (acting ?? own) : null);
      } catch (err) {
        status.append(errorMessage(err));
      }
    } },
    h("div", { class: "actions" }, h("span", { class: "form-label" }, label),
      input && field ? [h("label", { for: input.id }, field.label), input] : null,
      h("button", { type: "submit", id: `${id}-submit` }, button)), status);
  };

  const parts: (HTMLElement | null)[] = [];
  if (own || operator) {
    parts.push(own ? h("p", { id: "acting-for" }, `acting for staker ${own}`)
      : h("div", { class: "actions" }, h("label", { for: "act-staker" }, "acting for staker"), forOther),
    form("stake", "Stake", { name: "amount", label: "amount" }, "stakes", "Stake", true),
    form("unstake", "Request an unstake", { name: "shares", label: "shares" }, "unstake-requests", "Request", true),
    form("cancel", "Cancel the request", null, "unstake-cancellations", "Cancel request", true),
    form("withdraw", "Withdraw after the cooldown", null, "withdrawals", "Withdraw", true));
  } else {
    parts.push(h("p", { class: "hint" }, c ? `token ${c.name} is not bound to a staker: staking needs a staker's token (or an operator's)`
      : "enter a staker's token to stake and unstake"));
  }
  if (can("treasury")) parts.push(form("revenue", "Pay revenue into the pool", { name: "amount", label: "amount" }, "revenue", "Add revenue", false));
  clear(box, parts);
}

function appliedText(a: Applied): string {
  const facts = Object.entries(a.result).map(([k, v]) => `${k.replace(/_/g, " ")} ${v}`).join(", ");
  const after = a.staker ? `; ${a.staker.staker} has ${a.staker.shares} shares worth ${a.staker.value}` : "";
  return `${a.op.replace(/_/g, " ")} done${facts ? `: ${facts}` : ""}${after}; share price ${a.share_price ?? "none"}`;
}

/** A growth such as 0.0035 as 0.35% (the decimal point moved, exactly), with the point it is measured from. */
function yieldText(y: Yield | undefined): string {
  if (!y || y.growth === null) return "none (no shares at the start or now)";
  return `${percent(y.growth)} since ${y.from ? when(y.from) : "the start"}`;
}

function percent(d: string): string {
  const neg = d.startsWith("-");
  const [whole, frac = ""] = (neg ? d.slice(1) : d).split(".");
  const f = frac.padEnd(2, "0");
  const intPart = (whole + f.slice(0, 2)).replace(/^0+(?=\d)/, "");
  const fracPart = f.slice(2).replace(/0+$/, "");
  return `${neg ? "-" : ""}${intPart}${fracPart ? "." + fracPart : ""}%`;
}

/** An instant as the server gives it, to the second: 2026-12-14 08:59:07 UTC. */
function when(iso: string): string {
  return iso.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
}

function until(iso: string): string {
  // whole seconds left, rounded down: "13d 0h" only once 13 whole days remain
  const s = Math.max(0, Math.floor((Date.parse(iso) - Date.now()) / 1000));
  const d = Math.floor(s / 86400), hr = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  return d ? `${d}d ${hr}h` : hr ? `${hr}h ${m}m` : `${m}m ${s % 60}s`;
}

function table(head: string[], rows: HTMLElement[]): HTMLElement {
  return h("table", {}, h("thead", {}, h("tr", {}, head.map((c) => h("th", {}, c)))), h("tbody", {}, rows));
}

function num(v: string | number): HTMLElement {
  return h("td", { class: "num" }, v);
}
