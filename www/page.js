// The page around <connector-builder>: loads the component (reporting a failure in plain words),
// shows which environments the session offers, and remembers whether the guide is hidden.

const guide = document.getElementById("guide");
const openGuide = document.getElementById("guide-open");
function showGuide(open, remember = true) {
  guide.hidden = !open;
  openGuide.hidden = open;
  if (remember) {
    try { localStorage.setItem("connector-kit:guide", open ? "open" : "closed"); } catch { /* storage disabled */ }
  }
}
try {
  if (localStorage.getItem("connector-kit:guide") === "closed") showGuide(false, false);
} catch { /* storage disabled */ }
document.getElementById("guide-close").addEventListener("click", () => { showGuide(false); openGuide.focus(); });
openGuide.addEventListener("click", () => { showGuide(true); document.getElementById("guide-close").focus(); });

import("./connector-builder.js").catch((error) => {
  const box = document.getElementById("load-error");
  box.hidden = false;
  box.textContent = `The builder could not load: ${error?.message ?? error}. Open the page through the URL \`connector-kit serve\` prints.`;
  document.querySelector("connector-builder")?.setAttribute("hidden", "");
});

fetch("/api/session", { headers: { accept: "application/json" } })
  .then((r) => (r.ok ? r.json() : null))
  .then((session) => {
    if (!session) return;
    const el = document.getElementById("session");
    const list = session.environments ?? [];
    const allEmulated = list.length > 0 && list.every((e) => e.emulated);
    const envs = list.map((e) => `${e.name}${e.production ? " (Production)" : ""}${e.emulated && !allEmulated ? ", emulated" : ""}`);
    el.textContent = [`connector-kit ${session.version}`, ...envs, allEmulated ? "emulated" : null].filter(Boolean).join(" · ");
    el.title = list.map((e) => `${e.name}: ${e.emulated ? "embedded emulator" : e.host}`).join("\n");
    el.hidden = false;
  })
  .catch(() => { /* the component explains a missing session */ });
