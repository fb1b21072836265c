// Benchmark server on Node's http module: a real, widely used HTTP server, as a second
// opinion beside server.py's bare asyncio protocol (which costs almost no CPU and so flatters
// the client on a 2-core machine).
//
//   node bench/linkcheck/server.mjs --hosts 8 --latency 0.05
//
// Prints one host:port per line, then "ready", then serves until killed. Every answer is a
// 200 with a 2-byte text body, sent after the fixed latency. Only 127.0.0.x addresses.
import http from "node:http";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const hosts = option("--hosts", 8);
const latencyMs = option("--latency", 0.05) * 1000;

const listen = (host) =>
  new Promise((resolve) => {
    const server = http.createServer((request, response) => {
      setTimeout(() => {
        response.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "2" });
        response.end(request.method === "HEAD" ? undefined : "ok");
      }, latencyMs);
    });
    server.keepAliveTimeout = 30_000;
    server.listen({ host, port: 0, backlog: 2048 }, () => resolve(`${host}:${server.address().port}`));
  });

for (let i = 0; i < hosts; i++) {
  console.log(await listen(`127.0.0.${2 + i}`));
}
console.log("ready");
