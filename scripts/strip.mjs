// Comments and indentation out of the JS and CSS that dist/ ships: in the compact embed's first
// download they are about 40% of the gzipped JS. Nothing else changes: every line break stays
// (so automatic semicolon insertion reads the code as before), and strings, template literals
// and regular expressions are copied byte for byte. dist.mjs then has V8 parse each result.

// After these a `/` starts a regular expression; after anything else (a name, a number, `)`,
// `]`, `}`) it divides.
const BEFORE_REGEX = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);
const PUNCTUATION = /[(,=:[!&|?{};+\-*%<>~^]/;

/** `source` (a JS module or script) without comments, indentation or blank lines. */
export function stripJs(source) {
  const out = []; // pieces; `tail` is the last character written
  let tail = '\n';
  const emit = (text) => {
    if (text === '') return;
    out.push(text);
    tail = text[text.length - 1];
  };
  // Whitespace between tokens: one space at most, none at the end of a line or after one.
  const space = () => {
    if (tail !== ' ' && tail !== '\n') emit(' ');
  };
  const newline = () => {
    if (tail === ' ') out.pop();
    tail = out.length ? out[out.length - 1].slice(-1) : '\n';
    if (tail !== '\n') emit('\n');
  };
  let i = 0;
  let last = ''; // the last significant token: a punctuator, or a word
  const braces = []; // for each open `{`: whether it opened a template's ${ }
  const n = source.length;

  const copyQuoted = (quote) => {
    let j = i + 1;
    while (j < n && source[j] !== quote) j += source[j] === '\\' ? 2 : 1;
    emit(source.slice(i, j + 1));
    i = j + 1;
    last = 'string';
  };
  // From just after ` or }, up to and including the closing ` or the ${ that interrupts it.
  const copyTemplate = () => {
    let j = i;
    while (j < n && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) j += source[j] === '\\' ? 2 : 1;
    if (source[j] === '`') {
      emit(source.slice(i, j + 1));
      i = j + 1;
      last = '`';
    } else {
      emit(source.slice(i, j + 2));
      i = j + 2;
      braces.push(true);
      last = '{';
    }
  };
  const copyRegex = () => {
    let j = i + 1;
    let inClass = false;
    while (j < n && (inClass || source[j] !== '/')) {
      if (source[j] === '\\') j++;
      else if (source[j] === '[') inClass = true;
      else if (source[j] === ']') inClass = false;
      else if (source[j] === '\n') throw new Error(`strip: a regular expression at offset ${i} does not end on its line`);
      j++;
    }
    j++;
    while (j < n && /[a-z]/i.test(source[j])) j++; // flags
    emit(source.slice(i, j));
    i = j;
    last = 'regex';
  };

  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '\n') {
      newline();
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      space();
      i++;
    } else if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`strip: a comment at offset ${i} never ends`);
      // A comment holding a line break still separates statements.
      if (source.slice(i, end).includes('\n')) newline();
      else space();
      i = end + 2;
    } else if (c === '"' || c === "'") {
      copyQuoted(c);
    } else if (c === '`') {
      emit(c);
      i++;
      copyTemplate();
    } else if (c === '/' && (last === '' || BEFORE_REGEX.has(last) || (last.length === 1 && PUNCTUATION.test(last)))) {
      copyRegex();
    } else if (c === '{') {
      braces.push(false);
      emit(c);
      i++;
      last = c;
    } else if (c === '}') {
      emit(c);
      i++;
      if (braces.pop()) copyTemplate();
      else last = c;
    } else if (/[\w$]/.test(c)) {
      // A name, a keyword or a number (with its decimal point).
      let j = i + 1;
      while (j < n && (/[\w$]/.test(source[j]) || (source[j] === '.' && /\d/.test(c)))) j++;
      last = source.slice(i, j);
      emit(last);
      i = j;
    } else {
      emit(c);
      i++;
      last = c;
    }
  }
  if (tail === ' ') out.pop();
  return `${out.join('').trim()}\n`;
}

/** `source` (CSS) without comments, indentation or blank lines; strings kept as they are. */
export function stripCss(source) {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`strip: unterminated CSS comment at ${i}`);
      i = end + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out.split('\n').map((line) => line.trim()).filter(Boolean).join('\n') + '\n';
}
