/** Saves text as a file through the browser's download (the panel has no file-system access of its own). */
export function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the download has started; revoking at once can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
