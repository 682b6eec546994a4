import type { JournalEntry } from '../host/journal.js';
import { terminalSafe } from '../i18n/terminal-text.js';

/** klog's severities (the first letter of its header), plus lines with no klog header. */
export type Severity = 'I' | 'W' | 'E' | 'F' | '-';

/** One journal line as the panes and the diagnosis see it. */
export interface LogLine {
  /** monotonic per run: a stable React key */
  id: number;
  unit: string;
  /** milliseconds since the epoch */
  time: number;
  severity: Severity;
  /** written by systemd itself ("Started …", "Main process exited …"), not by the component */
  fromSystemd: boolean;
  /** the message with control characters removed */
  text: string;
}

const KLOG = /^([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d{6}\s/;

/** I/W/E/F from a klog header; else from the syslog priority (err → E, warning → W). */
export function severityOf(text: string, priority = 6): Severity {
  const m = KLOG.exec(text);
  if (m) return m[1] as Severity;
  if (priority <= 2) return 'F';
  if (priority === 3) return 'E';
  if (priority === 4) return 'W';
  return '-';
}

// ANSI escape sequences, then every other control character except tab
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Text safe to put on one terminal row: no escape sequences, no control characters, tabs as
 * spaces, and bidi and other invisible format characters shown escaped.
 */
export function cleanText(text: string): string {
  // most lines have nothing to remove: one scan instead of three
  const bare = ANY_CONTROL.test(text)
    ? text.replace(ANSI, '').replace(CONTROL, '').replace(/\t/g, '  ')
    : text;
  return terminalSafe(bare);
}

export function toLogLine(unit: string, e: JournalEntry, id: number): LogLine {
  const text = cleanText(e.message);
  return {
    id,
    unit,
    time: Math.floor(e.usec / 1000),
    severity: severityOf(text, e.priority),
    fromSystemd: e.ident === 'systemd' || e.pid === 1,
    text,
  };
}

/** "kube-apiserver.service" → "kube-apiserver" */
export function unitLabel(unit: string): string {
  return unit.replace(/\.service$/, '');
}
