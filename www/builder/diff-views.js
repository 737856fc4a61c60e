// Views of diffPayloads() and planPromotion(): the summary (which of the five top-level members
// change, scopes added and removed, what it means for connections) and the changes themselves —
// two columns before an update, three (Dev | Production now | proposed) before a promotion.

import { h, show } from "./dom.js";

const FIVE = ["display_name", "description", "auth_patterns", "proxy_url", "proxy_enabled"];

function value(v) {
  if (v === undefined) return h("span", { class: "absent", text: "—" });
  return h("pre", { class: "val" }, h("code", { text: show(v) }));
}

/** The summary: changed members, scope callouts and impact callouts. */
export function summaryView(summary) {
  const changed = new Set(summary?.changed ?? []);
  const added = summary?.scopesAdded ?? [];
  const removed = summary?.scopesRemoved ?? [];
  return h("div", { class: "diff-summary", part: "diff-summary" },
    h("ul", { class: "five", "aria-label": "What changes" },
      FIVE.map((k) => h("li", { class: changed.has(k) ? "changed" : "same" },
        h("code", { text: k }), h("span", { text: changed.has(k) ? "changes" : "unchanged" })))),
    added.length ? h("div", { class: "callout success", "data-callout": "scopes-added" },
      h("p", { class: "callout-title", text: `Scopes added (${added.length})` }),
      h("p", {}, added.map((s) => h("code", { class: "chip add", text: `+ ${s}` })))) : null,
    removed.length ? h("div", { class: "callout danger", "data-callout": "scopes-removed" },
      h("p", { class: "callout-title", text: `Scopes removed (${removed.length})` }),
      h("p", {}, removed.map((s) => h("code", { class: "chip remove", text: `− ${s}` })))) : null,
    summary?.reauthorize ? h("div", { class: "callout warning", "data-callout": "reauthorize" },
      h("p", { class: "callout-title", text: "Connected accounts must re-authorize" }),
      h("p", { text: "Existing connected accounts have to grant access again before the change takes effect for them." })) : null,
    summary?.recreateConnections ? h("div", { class: "callout warning", "data-callout": "recreate" },
      h("p", { class: "callout-title", text: "Connections may need to be recreated" }),
      h("p", { text: "The change touches how connections authenticate or where they call: existing ones may need to be recreated." })) : null);
}

/** Before an update: every change with its impact. */
export function changesView(changes) {
  if (!changes?.length) return h("p", { class: "callout info", text: "No differences: the environment already holds exactly this." });
  return h("div", { class: "table-wrap" },
    h("table", { class: "diff-table", part: "diff-table" },
      h("caption", { class: "sr-only", text: "Changes, current and proposed" }),
      h("thead", {}, h("tr", {}, ["Member", "Now", "Proposed"].map((t) => h("th", { scope: "col", text: t })))),
      h("tbody", {}, changes.map((c) => [
        h("tr", { class: `kind-${c.kind}` },
          h("th", { scope: "row" }, h("code", { text: c.path || "/" }), h("span", { class: `kind ${c.kind}`, text: c.kind })),
          h("td", {}, value(c.before)),
          h("td", {}, value(c.after))),
        c.impact ? h("tr", { class: "impact" }, h("td", { colspan: 3 }, h("span", { class: "impact-label", text: "Impact" }), " ", c.impact)) : null,
      ]))));
}

/** Before a promotion: Dev | Production now | proposed, the summary and the exact request. */
export function promotionView(plan, { dev, production }) {
  const rows = plan?.rows ?? [];
  return h("div", { class: "promotion" },
    h("p", { class: "lede" },
      plan.action === "create" ? `Production has no connector named like this: it will be created from ${dev}.`
        : plan.action === "update" ? `Production's ${plan.identifier ?? "connector"} will be replaced by ${dev}'s (full replace).`
          : `${production} already matches ${dev}: nothing to do.`),
    plan.action !== "none" ? summaryView(plan.summary) : null,
    rows.length ? h("div", { class: "table-wrap" },
      h("table", { class: "diff-table three", part: "promotion-table" },
        h("caption", { class: "sr-only", text: "Dev, Production now and proposed" }),
        h("thead", {}, h("tr", {},
          h("th", { scope: "col", text: "Member" }),
          h("th", { scope: "col", text: `Dev (${dev})` }),
          h("th", { scope: "col", text: `Production now (${production})` }),
          h("th", { scope: "col", text: "Proposed" }))),
        h("tbody", {}, rows.map((r) => [
          h("tr", {},
            h("th", { scope: "row" }, h("code", { text: r.path || "/" })),
            h("td", {}, value(r.dev)),
            h("td", {}, value(r.production)),
            h("td", { class: "proposed" }, value(r.proposed))),
          r.impact ? h("tr", { class: "impact" }, h("td", { colspan: 4 }, h("span", { class: "impact-label", text: "Impact" }), " ", r.impact)) : null,
        ])))) : null,
    plan.request ? h("details", { class: "request" },
      h("summary", {}, "The exact request: ", h("code", { text: `${plan.request.method} ${plan.request.path}` })),
      h("pre", {}, h("code", { text: JSON.stringify(plan.request.body, null, 2) }))) : null);
}
