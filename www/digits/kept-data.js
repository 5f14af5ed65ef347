// The reader's own CSV, kept for this tab: leaving the digits page (the '4' tab, a link) and
// coming back (Back, the digits tab) brings the same file back instead of the built-in digits.
// The file itself goes to IndexedDB (a CSV may be up to 64 MB, far beyond sessionStorage's few
// MB), under a key that sessionStorage holds, so it belongs to this tab alone and a new tab
// starts on the digits. Entries other tabs left behind are dropped after a day. Where the
// browser keeps nothing (storage off, a full disk, a private window's limits), the page says
// the file will not survive leaving it; nothing else changes.

const DB = 'tinyae';
const STORE = 'kept-data';
const TAB_KEY = 'tinyae-kept-data';
const STALE_MS = 24 * 60 * 60 * 1000;

/** The promise of IndexedDB's request `req`. */
const done = (req) =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

function openStore() {
  const req = indexedDB.open(DB, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  return done(req);
}

/** Runs `work(store)` in a transaction of `mode`; resolves to its result once committed. */
async function withStore(mode, work) {
  const db = await openStore();
  try {
    const tx = db.transaction(STORE, mode);
    const result = await work(tx.objectStore(STORE));
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
    return result;
  } finally {
    db.close();
  }
}

/** This tab's key, made on first use (sessionStorage: per tab, kept across its pages). */
function tabKey(make) {
  let key = sessionStorage.getItem(TAB_KEY);
  if (!key && make) sessionStorage.setItem(TAB_KEY, (key = crypto.randomUUID()));
  return key;
}

/**
 * Keeps `file` as this tab's data set. Resolves to null, or to the reason it could not be
 * kept (the browser's words), for the page to say.
 */
export async function keepData(file) {
  try {
    const key = tabKey(true);
    await withStore('readwrite', async (store) => {
      store.put({ file, name: file.name, at: Date.now() }, key);
      // Other tabs' files, a day old: nothing will ask for them again.
      const all = await done(store.getAll());
      const keys = await done(store.getAllKeys());
      keys.forEach((k, i) => k !== key && Date.now() - all[i].at > STALE_MS && store.delete(k));
    });
    return null;
  } catch (err) {
    return String(err?.message ?? err);
  }
}

/** This tab's kept file (a File), or null: none, or no storage to read it from. */
export async function keptData() {
  try {
    const key = tabKey(false);
    if (!key) return null;
    const entry = await withStore('readonly', (store) => done(store.get(key)));
    return entry?.file ?? null;
  } catch {
    return null;
  }
}

/** Forgets this tab's file: the reader went back to the built-in digits. */
export async function forgetData() {
  try {
    const key = tabKey(false);
    if (key) await withStore('readwrite', (store) => store.delete(key));
  } catch {
    // Nothing was kept, or nothing can be: either way nothing comes back.
  }
}
