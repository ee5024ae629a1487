// A small element builder: the console's views are plain DOM, no framework.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v as EventListener);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export function clear(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

/** An option list for a select, keeping the current choice when it is still offered. */
export function fillSelect(sel: HTMLSelectElement, values: { value: string; label: string }[], keep = true): void {
  const before = sel.value;
  sel.replaceChildren(...values.map((v) => h("option", { value: v.value }, v.label)));
  if (keep && values.some((v) => v.value === before)) sel.value = before;
}

export function short(sha: string | null | undefined): string {
  return sha ? sha.slice(0, 12) : "";
}

const SCALE = 8n;
const UNIT = 10n ** SCALE;

/** Exact sum of decimal strings (8 places, as the server's fixed point): sizes and money are never floats. */
export function sumDecimals(values: string[]): string {
  let total = 0n;
  for (const v of values) {
    const neg = v.startsWith("-");
    const [whole, frac = ""] = (neg ? v.slice(1) : v).split(".");
    const units = BigInt(whole || "0") * UNIT + BigInt((frac + "00000000").slice(0, 8));
    total += neg ? -units : units;
  }
  const neg = total < 0n;
  const abs = neg ? -total : total;
  const frac = (abs % UNIT).toString().padStart(8, "0").replace(/0+$/, "");
  return (neg ? "-" : "") + (abs / UNIT).toString() + (frac ? "." + frac : "");
}

/** The share of a decimal string in a total, for drawing only (a bar's width). */
export function share(part: string, whole: string): number {
  const w = Number(whole);
  return w > 0 ? Number(part) / w : 0;
}
