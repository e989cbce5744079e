/** Offers text to the user as a downloaded file with the given name. */
export function downloadFile(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  // Revoked later, not at once: the download starts asynchronously and still needs the URL.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
