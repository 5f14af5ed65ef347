// How an error message names a value: as given, with its type, as the wasm's messages do
// (src/wasm.rs `describe`): step('5') was a string, not the number 5.

/** `the number 5`, `the string "5"`, `null`, `an array`, `a Uint8Array`, ... */
export function given(value) {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean')
    return `the ${typeof value} ${value}`;
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  const name = typeof value === 'object' ? value.constructor?.name : '';
  if (!name || name === 'Object') return typeof value === 'object' ? 'an object' : typeof value;
  return `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name}`;
}
