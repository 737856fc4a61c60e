// The embedding example's host script: loads the component, wires host controls to its
// attributes and properties, and logs its events. Everything shown uses textContent.

import "./connector-builder.js";

const builder = document.getElementById("builder");
const log = document.getElementById("log");
const state = document.getElementById("state");

function entry(type, text) {
  const li = document.createElement("li");
  const time = document.createElement("time");
  time.textContent = new Date().toLocaleTimeString();
  const name = document.createElement("code");
  name.textContent = type;
  const body = document.createElement("span");
  body.textContent = text;
  li.append(time, name, body);
  log.prepend(li);
  while (log.children.length > 30) log.lastChild.remove();
}

let changes = 0;
builder.addEventListener("change", (e) => {
  changes += 1;
  state.textContent = `${changes} change${changes === 1 ? "" : "s"}`;
  if (changes <= 1 || changes % 10 === 0) entry("change", e.detail.payload ? `payload “${e.detail.payload.display_name}”` : "the JSON does not parse");
});
builder.addEventListener("validate", (e) => {
  const { valid, diagnostics } = e.detail.report;
  builder.dataset.valid = String(valid);
  entry("validate", valid ? `valid (${diagnostics.length} note${diagnostics.length === 1 ? "" : "s"})` : `${diagnostics.filter((d) => d.severity === "error").length} error(s): ${diagnostics[0]?.code ?? ""}`);
});
builder.addEventListener("saved", (e) => entry("saved", `${e.detail.action} ${e.detail.connector.identifier} in ${e.detail.environment}`));
builder.addEventListener("deleted", (e) => entry("deleted", `${e.detail.identifier} from ${e.detail.environment}`));
builder.addEventListener("error", (e) => entry("error", `${e.detail.action}: ${e.detail.error?.message ?? e.detail.error}`));

document.getElementById("ro").addEventListener("change", (e) => builder.toggleAttribute("readonly", e.target.checked));
document.getElementById("theme").addEventListener("change", (e) => {
  // The host switches its own palette (which feeds --ck-*) and tells the component, for the
  // colours the host leaves to it.
  const theme = e.target.value;
  if (theme) { document.documentElement.dataset.theme = theme; builder.setAttribute("theme", theme); }
  else { delete document.documentElement.dataset.theme; builder.removeAttribute("theme"); }
});
document.getElementById("load").addEventListener("click", () => {
  // A payload the host already has (e.g. from its own API): set the property.
  builder.payload = {
    display_name: "Acme Tickets",
    description: "Tickets from Acme's helpdesk",
    auth_patterns: [{
      type: "API_KEY",
      display_name: "API key",
      description: "An Acme API key",
      fields: [
        { field_name: "api_key", label: "API key", input_type: "password", hint: "Settings → API", required: true },
        { field_name: "region", label: "Region", input_type: "select", required: true, is_path_param: true,
          options: [{ value: "us", display_name: "United States", default: true }, { value: "eu", display_name: "Europe" }] },
      ],
      auth_header_key_override: "X-Acme-Key",
    }],
    proxy_url: "https://{{region}}.api.acme.example/v2",
    proxy_enabled: true,
  };
  entry("host", `payload set; report.valid = ${builder.report.valid}`);
});
