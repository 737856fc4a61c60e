// Where a request comes from: checked before anything else.
//   Host   must name this server (127.0.0.1:PORT or localhost:PORT): DNS rebinding.
//   Origin when present, must be this server's own origin: cross-site requests.
//   Sec-Fetch-Site "cross-site" (and "same-site": another port of 127.0.0.1 is the same site)
//          means another page made the browser send it.

/** The hosts and origins a server on `port` answers to. */
export function allowedFor(port) {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  return { hosts, origins };
}

/**
 * `null` when the request may proceed, else `{ code, message }` for a 403.
 * Never echoes the offending value back (it is attacker-controlled).
 */
export function checkRequestSource(req, { hosts, origins }) {
  const host = req.headers.host;
  if (typeof host !== "string" || !hosts.has(host.toLowerCase())) {
    return { code: "forbidden-host", message: "this server only answers to 127.0.0.1 and localhost on its own port (Host refused)" };
  }
  // Node joins repeated Origin headers with ", ", which then matches nothing: refused too.
  const origin = req.headers.origin;
  if (origin !== undefined && !origins.has(origin)) {
    return { code: "forbidden-origin", message: "requests from other origins are refused (Origin refused)" };
  }
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return { code: "forbidden-site", message: "requests made by other sites are refused (Sec-Fetch-Site)" };
  }
  return null;
}
