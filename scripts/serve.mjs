#!/usr/bin/env node
// A tiny static file server for the page: the wasm glue is loaded with fetch() and ES module
// imports, which browsers refuse from file:// URLs. No dependencies, loopback only.
//
//   node scripts/serve.mjs [port]        (or PORT=8081 node scripts/serve.mjs; default 8080)
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 8080;
// When the requested port is taken (another checkout's server, say), walk up this many ports.
const PORT_ATTEMPTS = 20;
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  // instantiateStreaming() rejects any other type, and the glue then falls back to a slower path.
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  // Served as the gzip file it is, not as Content-Encoding: the page decompresses it itself.
  '.gz': 'application/gzip',
};

/** Content-Type for a file name, by extension; unknown ones are opaque bytes. */
export function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request path to a file under root, or null when it must not be served: outside the
 * root (by `..`, an encoded separator or a symlink), a dotfile or dot-directory (.git, .env),
 * or not a regular file. A directory maps to its index.html.
 */
export async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed %-escape
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter(Boolean);
  // Checked before normalising, so `/www/../.git/config` is refused, not just `/.git/config`.
  if (segments.some((s) => s.startsWith('.'))) return null;

  const realRoot = await realpath(root);
  let file = path.resolve(realRoot, ...segments);
  if (!isInside(realRoot, file)) return null;
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) return null;
    // A symlink inside the tree may point anywhere; judge where it really lands.
    const real = await realpath(file);
    return isInside(realRoot, real) ? real : null;
  } catch {
    return null;
  }
}

function isInside(root, file) {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function handler(root, headers) {
  return (req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    serve(root, req, res).catch(() => {
      // The file vanished between stat and read, say: never let one request crash the server.
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end();
    });
  };
}

async function serve(root, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('method not allowed\n');
    return;
  }
  const { pathname } = new URL(req.url, 'http://localhost');
  const file = await resolveFile(root, pathname);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  const { size } = await stat(file);
  res.writeHead(200, {
    'Content-Type': mimeType(file),
    'Content-Length': size,
    // The wasm is rebuilt in place; always revalidate so a reload picks up the new build.
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}

/**
 * Starts serving `root` on 127.0.0.1. Port 0 picks a free port; a busy non-zero port moves on
 * to the next ones. `headers` go on every response (the tests' CDN: CORS). Resolves to
 * `{ server, url }`, url ending in `/`.
 */
export async function startServer({ port = DEFAULT_PORT, root = REPO_ROOT, headers = {} } = {}) {
  const server = createServer(handler(path.resolve(root), headers));
  const attempts = port === 0 ? 1 : PORT_ATTEMPTS;
  for (let i = 0; ; i++) {
    try {
      await listen(server, port + (port === 0 ? 0 : i));
      break;
    } catch (err) {
      if (err.code !== 'EADDRINUSE' || i + 1 >= attempts) throw err;
    }
  }
  const { port: actual } = server.address();
  return { server, url: `http://${HOST}:${actual}/` };
}

function parsePort(argv, env) {
  const flag = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  let raw = argv[0] ?? env.PORT;
  if (flag >= 0) raw = argv[flag].startsWith('--port=') ? argv[flag].slice(7) : argv[flag + 1];
  else if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`tinyae: bad port ${JSON.stringify(raw)}`);
  }
  return port;
}

// Run as a program, not imported (by the tests): compare this module with the script node ran.
const isMain =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  try {
    const { url } = await startServer({ port: parsePort(process.argv.slice(2), process.env) });
    console.log(`tinyae: serving at ${url}`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
