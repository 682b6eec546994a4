import type { Event } from './types.js';

/** A control character: text that arrives with one in it (typed ahead, pasted) is split into key presses. */
export const CONTROL = /[\u0000-\u001f\u007f]/;

/** Text with control characters in it, as the key presses it stands for. */
export function splitKeys(input: string): Event[] {
  const out: Event[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'KEY', input: text, key: {} });
    text = '';
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    const code = ch.charCodeAt(0);
    if (!CONTROL.test(ch)) {
      text += ch;
      continue;
    }
    flush();
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      out.push({ type: 'KEY', input: '', key: { return: true } });
    } else if (ch === '\t') out.push({ type: 'KEY', input: '', key: { tab: true } });
    else if (code === 0x7f || code === 0x08) out.push({ type: 'KEY', input: '', key: { delete: true } });
    else if (code >= 1 && code <= 26)
      out.push({ type: 'KEY', input: String.fromCharCode(96 + code), key: { ctrl: true } });
  }
  flush();
  return out;
}
