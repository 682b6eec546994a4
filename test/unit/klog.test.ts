import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, severityOf, toLogLine } from '../../src/apply/klog.js';
import { hasUnsafe } from '../../src/i18n/terminal-text.js';

const ESC = '\u001b';

describe('journal text for one terminal row', () => {
  it('removes escape sequences whole, other control characters, and turns tabs into two spaces', () => {
    expect(cleanText(`${ESC}[31mE1125${ESC}[0m bad\tthing\r\n`)).toBe('E1125 bad  thing');
    expect(cleanText(`${ESC}]0;title\u0007after`)).toBe('after');
    expect(cleanText('plain klog line, nothing to do')).toBe('plain klog line, nothing to do');
  });

  it('never leaves a control, bidi or invisible character, and leaves text without one exactly as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const out = cleanText(text);
        expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        expect(hasUnsafe(out)).toBe(false);
        if (!hasUnsafe(text)) expect(out).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('takes the severity from the klog header, else from the syslog priority', () => {
    expect(severityOf('W1125 21:40:00.000000    1234 x.go:1] careful')).toBe('W');
    expect(severityOf('no header', 3)).toBe('E');
    expect(severityOf('no header', 2)).toBe('F');
    expect(severityOf('no header')).toBe('-');
    const line = toLogLine(
      'kube-apiserver.service',
      {
        usec: 1_700_000_000_123_456,
        pid: 1,
        ident: 'systemd',
        priority: 6,
        message: 'Started\tit',
        cursor: 'c',
      },
      7,
    );
    expect(line).toEqual({
      id: 7,
      unit: 'kube-apiserver.service',
      time: 1_700_000_000_123,
      severity: '-',
      fromSystemd: true,
      text: 'Started  it',
    });
  });
});
