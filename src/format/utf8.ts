/**
 * Bytes as UTF-8 text, strictly: a byte that is not UTF-8 is an error (with where it is),
 * never silently read as U+FFFD.
 */
export type Utf8Result = { ok: true; text: string } | { ok: false; line: number; byte: number };

export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, ...invalidAt(bytes) };
  }
}

/** The line and byte offset of the first byte that is not UTF-8. */
function invalidAt(bytes: Uint8Array): { line: number; byte: number } {
  const lossy = new TextDecoder('utf-8').decode(bytes);
  const encoder = new TextEncoder();
  for (let from = 0; ; ) {
    const i = lossy.indexOf('\ufffd', from);
    if (i < 0) return { line: 1, byte: 0 };
    const before = lossy.slice(0, i);
    const offset = encoder.encode(before).length;
    // a real U+FFFD in the text is EF BF BD: not the bad byte
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) {
      return { line: before.split('\n').length, byte: offset };
    }
    from = i + 1;
  }
}
