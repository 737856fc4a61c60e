// A recording HTTP proxy that stands in for "the upstream": every request that reaches it is
// forwarded unchanged to the real target (an emulator) and kept — method, target, headers and
// body of the request and of the answer, and the phase of the test that was running. Not a test.

import http from "node:http";

/**
 * Starts the proxy on 127.0.0.1 in front of `target` (a base URL). `phase()` labels each
 * exchange (set it before each step of the flow).
 */
export async function startRecordingProxy(target) {
  const upstream = new URL(target);
  const exchanges = [];
  let phase = "start";

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const record = {
        n: exchanges.length + 1,
        phase,
        method: req.method,
        target: req.url,
        headers: { ...req.headers },
        rawHeaders: [...req.rawHeaders],
        body: body.toString("utf8"),
        status: null,
        responseHeaders: null,
        responseBody: "",
      };
      exchanges.push(record);
      const headers = { ...req.headers, host: upstream.host };
      const out = http.request({
        host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent: false,
      }, (answer) => {
        const back = [];
        answer.on("data", (c) => back.push(c));
        answer.on("end", () => {
          const data = Buffer.concat(back);
          record.status = answer.statusCode;
          record.responseHeaders = { ...answer.headers };
          record.responseBody = data.toString("utf8");
          const h = { ...answer.headers };
          delete h["transfer-encoding"];
          h["content-length"] = String(data.length);
          res.writeHead(answer.statusCode, h);
          res.end(data);
        });
      });
      out.on("error", (err) => {
        record.status = "error";
        record.responseBody = String(err?.code ?? err);
        res.destroy();
      });
      out.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    exchanges,
    setPhase(p) { phase = p; },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
