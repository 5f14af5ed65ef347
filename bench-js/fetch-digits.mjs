// The project's digits file, unzipped and parsed in a page: `{ pixels (n x 64, / 16), n }`.

export async function fetchDigits() {
  const response = await fetch(new URL('../data/digits.csv.gz', import.meta.url));
  const text = await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).text();
  const rows = text.trim().split('\n');
  const pixels = new Float32Array(rows.length * 64);
  rows.forEach((row, i) => row.split(',').slice(0, 64).forEach((v, p) => { pixels[i * 64 + p] = Number(v) / 16; }));
  return { pixels, n: rows.length };
}
