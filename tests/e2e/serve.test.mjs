// The static server: MIME types the browser insists on, and nothing served from outside the
// repo or from its dotfiles (.git holds the whole history).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';

/** A GET with the path sent exactly as written (fetch() would normalise `..` away). */
function rawGet(url, rawPath, method = 'GET') {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode, type: res.headers['content-type'], body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('scripts/serve.mjs', () => {
  let site;
  before(async () => {
    // Straight from serve.mjs, not the harness: this test needs no browser.
    site = await startServer({ port: 0 });
  });
  after(() => site?.server.close());

  test('serves files with the right Content-Type', async () => {
    const expected = {
      '/': 'text/html; charset=utf-8',
      '/index.html': 'text/html; charset=utf-8',
      '/www/classic/main.js': 'text/javascript; charset=utf-8',
      '/scripts/serve.mjs': 'text/javascript; charset=utf-8',
      '/www/core/style.css': 'text/css; charset=utf-8',
      '/package.json': 'application/json; charset=utf-8',
      '/data/digits.csv.gz': 'application/gzip',
    };
    for (const [p, type] of Object.entries(expected)) {
      const res = await rawGet(site.url, p);
      assert.equal(res.status, 200, p);
      assert.equal(res.type, type, p);
    }
  });

  test('serves .wasm as application/wasm', async (t) => {
    const res = await rawGet(site.url, '/www/pkg/simd/tinyae_bg.wasm', 'HEAD');
    if (res.status === 404) return t.skip('wasm not built (bash scripts/build.sh)');
    assert.equal(res.type, 'application/wasm');
  });

  test('refuses paths outside the root, dotfiles and missing files', async () => {
    for (const p of [
      '/../../../etc/passwd',
      '/www/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/www/%2e%2e%2f%2e%2e%2fetc/passwd',
      '/..%5c..%5cetc/passwd',
      '/.git/config',
      '/www/../.git/HEAD',
      '/.gitignore',
      '/%2egitignore',
      '/nope.html',
      '/%zz',
      '/index.html%00.js',
    ]) {
      const res = await rawGet(site.url, p);
      assert.equal(res.status, 404, p);
      assert.doesNotMatch(res.body, /root:|\[core\]|ref:/, p);
    }
  });

  test('a busy port moves on to the next one', async () => {
    const first = await startServer({ port: 0 });
    const busy = first.server.address().port;
    const second = await startServer({ port: busy });
    try {
      assert.notEqual(second.server.address().port, busy);
      assert.match(second.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    } finally {
      first.server.close();
      second.server.close();
    }
  });
});
