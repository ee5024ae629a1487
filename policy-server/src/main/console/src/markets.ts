// Markets: each market's active version, open interest and fund, the queue by quintile, an
// account's place, the activation history, and live fills and alerts over Server-Sent Events.
import { get, enc, errorMessage, message } from "./api";
import { h, clear, short, share, sumDecimals } from "./dom";
import { markets, type Market } from "./governance";

interface Side { eligible: number; quintiles: Record<string, number>; notional: Record<string, string> }
interface Queue { market: string; policy: string; version: number; mark_price: string; long: Side; short: Side }
interface Place { account: string; side: string; rank: number; of: number; quintile: number }
interface Activation { seq: number; at: string; who: string; kind: string; policy: string; version: number; sha256: string }

let stream: EventSource | null = null;

export function marketsView(main: HTMLElement): void {
  const table = h("div", { id: "markets-table" }, "loading…");
  const detail = h("div", { id: "market-detail" });
  clear(main, h("h2", {}, "Markets"), h("section", { class: "card" }, table), detail);
  load();

  async function load(select?: string) {
    try {
      const ms = await markets();
      clear(table, h("table", {},
        h("thead", {}, h("tr", {}, ["market", "active policy", "sha256", "positions", "open interest", "fund", "events", ""]
          .map((c) => h("th", {}, c)))),
        h("tbody", {}, ms.map((m) => h("tr", { "data-market": m.market },
          h("td", {}, m.market), h("td", { class: "active-version" }, m.policy ? `${m.policy} v${m.version}` : "none"),
          h("td", { class: "mono" }, short(m.sha256)), h("td", { class: "num" }, m.positions),
          h("td", { class: "num" }, m.open_interest), h("td", { class: "num" }, m.fund.balance), h("td", { class: "num" }, m.events),
          h("td", {}, h("button", { type: "button", onclick: () => showMarket(m.market) }, `open ${m.market}`)))))));
      if (select) await showMarket(select);
    } catch (e) {
      clear(table, errorMessage(e));
    }
  }

  async function showMarket(name: string) {
    const queueBox = h("div", { id: "queue" });
    const placeBox = h("div", { id: "place", "aria-live": "polite" });
    const account = h("input", { id: "place-account", placeholder: "account id" }) as HTMLInputElement;
    const live = h("input", { id: "live-account", placeholder: "account id" }) as HTMLInputElement;
    const feed = h("ul", { class: "feed", id: "live-feed", "aria-live": "polite" });
    const liveState = h("span", { id: "live-state", class: "hint" }, "not listening");
    const history = h("div", { id: "activations" });
    const info = h("div", {});
    clear(detail,
      h("section", { class: "card", "aria-labelledby": "md-h" }, h("h3", { id: "md-h" }, name), info,
        h("div", { class: "actions" }, h("button", { type: "button", id: "market-refresh", onclick: () => load(name) }, "Refresh"),
          h("span", { class: "hint" }, "refreshes by itself when a live fill of this market arrives"))),
      h("div", { class: "row" },
        h("section", { class: "card grow", "aria-labelledby": "q-h" }, h("h3", { id: "q-h" }, "Queue by quintile"), queueBox,
          h("form", { class: "actions", onsubmit: (e: Event) => { e.preventDefault(); lookup(); } },
            h("label", { for: "place-account" }, "account's rank"), account, h("button", { type: "submit" }, "Look up")), placeBox),
        h("section", { class: "card grow", "aria-labelledby": "l-h" }, h("h3", { id: "l-h" }, "Live fills and alerts"),
          h("form", { class: "actions", onsubmit: (e: Event) => { e.preventDefault(); listen(); } },
            h("label", { for: "live-account" }, "account"), live, h("button", { type: "submit", id: "live-start" }, "Listen"), liveState),
          feed)),
      h("section", { class: "card", "aria-labelledby": "a-h" }, h("h3", { id: "a-h" }, "Activations"), history));
    await refresh();

    // The numbers above change with every event of the market; a fill seen on the live feed
    // refreshes them (once for a burst of fills) so the page never shows a market older than its feed.
    let pending: ReturnType<typeof setTimeout> | null = null;
    function refreshSoon() {
      if (pending) return;
      pending = setTimeout(() => { pending = null; void refresh(); }, 300);
    }

    async function refresh() {
      try {
        const m = await get<Market>(`/v1/markets/${enc(name)}`);
        clear(info, h("table", {}, h("tbody", {},
          [["active policy", m.policy ? `${m.policy} v${m.version}` : "none"], ["sha256", m.sha256 ?? ""], ["mark price", m.mark_price],
            ["lot size", m.lot_size], ["positions", String(m.positions)], ["open interest (size)", m.open_interest_size],
            ["open interest", m.open_interest], ["insurance fund", m.fund.balance], ["events applied", String(m.events)]]
            .map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", { "data-field": k }, v))))));
        const acts = await get<{ activations: Activation[] }>(`/v1/markets/${enc(name)}/activations`);
        clear(history, h("table", {}, h("thead", {}, h("tr", {}, ["#", "at", "who", "kind", "version", "sha256"].map((c) => h("th", {}, c)))),
          h("tbody", {}, acts.activations.slice().reverse().map((a) => h("tr", {}, h("td", {}, a.seq), h("td", {}, a.at), h("td", {}, a.who),
            h("td", {}, a.kind), h("td", {}, `${a.policy} v${a.version}`), h("td", { class: "mono" }, short(a.sha256)))))));
      } catch (e) {
        clear(info, errorMessage(e));
      }
      try {
        showQueue(queueBox, await get<Queue>(`/v1/markets/${enc(name)}/queue`));
      } catch (e) {
        clear(queueBox, errorMessage(e));
      }
    }

    async function lookup() {
      try {
        const p = await get<Place>(`/v1/markets/${enc(name)}/queue?account=${enc(account.value)}`);
        clear(placeBox, message("info", `${p.account} (${p.side}): rank ${p.rank} of ${p.of}, quintile ${p.quintile}`));
      } catch (e) {
        clear(placeBox, errorMessage(e));
      }
    }

    function listen() {
      stream?.close();
      const who = live.value.trim();
      if (!who) return;
      stream = new EventSource(`/v1/notifications?account=${enc(who)}`);
      liveState.textContent = `connecting for ${who}…`;
      stream.onopen = () => { liveState.textContent = `listening for ${who}`; };
      stream.onerror = () => { liveState.textContent = `connection lost; retrying for ${who}`; };
      const add = (kind: string, data: string) => {
        let text = data;
        try {
          const d = JSON.parse(data);
          text = kind === "fill"
            ? `fill in ${d.market ?? name}: ${d.account} ${d.side ?? ""} size ${d.size} at ${d.price}${d.tier ? ` (tier ${d.tier}, rank ${d.rank})` : ""}`
            : `quintile alert in ${d.market ?? name}: ${d.account} is in quintile ${d.quintile}`;
        } catch { /* shown as sent */ }
        feed.prepend(h("li", { class: "live-" + kind }, `${new Date().toLocaleTimeString()} ${text}`));
        if (kind === "fill" && marketOf(data) === name) refreshSoon();
      };
      stream.addEventListener("fill", (e) => add("fill", (e as MessageEvent).data));
      stream.addEventListener("quintile", (e) => add("quintile", (e as MessageEvent).data));
    }
  }
}

function marketOf(data: string): string | undefined {
  try {
    return JSON.parse(data).market;
  } catch {
    return undefined;
  }
}

function showQueue(box: HTMLElement, q: Queue): void {
  const side = (label: string, s: Side) => {
    const total = sumDecimals(Object.values(s.notional));
    return h("div", {}, h("h4", {}, `${label}: ${s.eligible} eligible`),
      h("div", { class: "bars", role: "table", "aria-label": `${label} queue by quintile` },
        ["5", "4", "3", "2", "1"].flatMap((k) => [
          h("span", { role: "rowheader" }, `quintile ${k}`),
          h("div", { class: "bar", style: `width:${Math.max(0.5, share(s.notional[k], total) * 100)}%`, "aria-hidden": "true" }),
          h("span", { role: "cell", class: "num", "data-quintile": `${label}-${k}` }, `${s.quintiles[k]} · ${s.notional[k]}`),
        ])));
  };
  clear(box, h("p", { class: "hint" }, `${q.policy} v${q.version} at mark ${q.mark_price}; each bar is the quintile's notional, first in line at the top (quintile 5)`),
    side("long", q.long), side("short", q.short));
}

export function stopStreams(): void {
  stream?.close();
  stream = null;
}
