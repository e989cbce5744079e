/** What a receipt may be: the app and the form agree on these, so the form refuses early what the app would. */

/** A receipt is a photo or a scan: anything over this is not one. */
export const MAX_RECEIPT_BYTES = 10 * 1024 ** 2;

/** The kinds a receipt may be (recognised by their bytes), with the extension each is saved and downloaded with. */
export const RECEIPT_EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

/** The name a receipt is offered under: the name it came with, its extension the one its bytes earned. */
export function receiptFileName(name: string, mediaType: string): string {
  return `${name.replace(/\.[^.]*$/, '') || 'receipt'}.${RECEIPT_EXTENSIONS[mediaType] ?? 'bin'}`;
}
