// Files in and out: a file the reader picks, and text a page made offered as a file (the
// weights JSON, the codes CSV) by a Blob URL clicked by a hidden link. Nothing leaves the
// browser, and a strict CSP allows it (no data: URL, no window.open).

/** Hands `onFile` each file picked in `input` (the same one again too), which `button` opens. */
export function onFilePicked(input, onFile, button = null) {
  button?.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = ''; // the same file again is a new choice
    if (file) onFile(file);
  });
}

/** Offers `text` (or bytes) as a download named `name` of MIME type `type`, from `doc`'s window. */
export function saveText(doc, name, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  // The click has started the download by now; the URL only needs to outlive this task.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
