// `connector-kit render FILE --set k=v…` and `connector-kit preview FILE --set k=v… [--method M]
// [--path P] [--reveal] [--json]`: what a connected account's values make of a connector file.
// A placeholder left without a value is a command-line problem (exit 2: add a --set); anything
// else the package refuses (an unsafe value, a malformed template) is exit 1.
import { previewRequest, renderProxyUrl } from "connector-kit";
import { defineCommand, EXIT, parseSets, UsageError } from "./command.mjs";
import { readPayload } from "./connector-files.mjs";

const SET = { set: { type: "string", short: "s", multiple: true, default: [] } };

const RENDER_USAGE = `Usage: connector-kit render FILE [--set NAME=VALUE]...

Prints the connector's proxy_url with every {{placeholder}} filled. Values may hold "=";
repeat --set for each placeholder.
  connector-kit render freshdesk.json --set domain=acme.freshdesk.com

Exit: 0 printed, 1 the value or the template was refused, 2 usage (a missing value, a bad --set,
an unreadable file).`;

const PREVIEW_USAGE = `Usage: connector-kit preview FILE [--set NAME=VALUE]... [--method M] [--path P] [--reveal] [--json]

Prints the request the proxy would send for a connected account's values (credentials and
placeholders, keyed by field_name), as a curl command. Secrets are masked unless --reveal.
  connector-kit preview freshdesk.json --set domain=acme.freshdesk.com --set username=KEY --path /v2/tickets

Options:
  --set NAME=VALUE  a value (repeatable)
  --method M        HTTP method (default GET)
  --path P          path appended to the proxy_url, e.g. /v2/tickets
  --reveal          show secrets instead of masking them
  --json            print {method, url, headers, curl} as JSON instead

Exit: as render.`;

export const renderCommand = defineCommand({
  name: "render",
  usage: RENDER_USAGE,
  options: SET,
  positionals: [1, 1],
  async run({ values, positionals }, term) {
    const sets = parseSets(values.set);
    const { payload } = await readPayload(positionals[0]);
    term.out(fill(() => renderProxyUrl(payload, sets)));
    return EXIT.ok;
  },
});

export const previewCommand = defineCommand({
  name: "preview",
  usage: PREVIEW_USAGE,
  options: {
    ...SET,
    method: { type: "string", short: "X" },
    path: { type: "string" },
    reveal: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
  positionals: [1, 1],
  async run({ values, positionals }, term) {
    const sets = parseSets(values.set);
    const { payload } = await readPayload(positionals[0]);
    const options = { method: values.method, path: values.path, reveal: values.reveal };
    const request = fill(() => previewRequest(payload, sets, options));
    term.out(values.json ? JSON.stringify(request, null, 2) : request.curl);
    return EXIT.ok;
  },
});

/** Runs a render; a value the command line did not give becomes a usage error naming the --set. */
function fill(render) {
  try {
    return render();
  } catch (error) {
    if (error?.code === "template-missing-value" && error.variable) {
      throw new UsageError(`no value for {{${error.variable}}}`, `add --set ${error.variable}=VALUE`);
    }
    throw error;
  }
}
