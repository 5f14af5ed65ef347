// What the bench pages (browser.html, wide.html) share: the digits, and how a page hands its
// results to the driver.

/** The project's digits file, unzipped and parsed in the page: `{ pixels (n x 64, / 16), n }`. */
export async function fetchDigits() {
  const response = await fetch(new URL('../data/digits.csv.gz', import.meta.url));
  const text = await new Response(
    response.body.pipeThrough(new DecompressionStream('gzip')),
  ).text();
  const rows = text.trim().split('\n');
  const pixels = new Float32Array(rows.length * 64);
  rows.forEach((row, i) =>
    row
      .split(',')
      .slice(0, 64)
      .forEach((v, p) => {
        pixels[i * 64 + p] = Number(v) / 16;
      }),
  );
  return { pixels, n: rows.length };
}

/** Publishes what `run` resolves to as window.benchResults and <body data-state="done">. */
export function publish(run) {
  run.then(
    (r) => {
      window.benchResults = r;
      document.body.dataset.state = 'done';
    },
    (err) => {
      document.body.dataset.error = String(err?.stack ?? err);
      document.body.dataset.state = 'error';
    },
  );
}
