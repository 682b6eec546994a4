import type { LogLine } from './klog.js';

/**
 * The newest journal lines of each unit, outside React: the pipeline pushes every batch
 * here (O(1) per line, no allocation per push beyond the line), and the screen reads a
 * tail of it on a timer. Memory stays bounded however fast a unit logs.
 */
export class JournalBuffer {
  private readonly rings = new Map<string, { lines: (LogLine | undefined)[]; next: number; total: number }>();
  /** bumped on every push: the screen re-renders only when it changed */
  version = 0;

  constructor(readonly capacity = 1000) {}

  push(unit: string, lines: readonly LogLine[]): void {
    let ring = this.rings.get(unit);
    if (!ring) {
      ring = { lines: new Array(this.capacity), next: 0, total: 0 };
      this.rings.set(unit, ring);
    }
    // only the last `capacity` lines of a huge batch can survive
    const start = Math.max(0, lines.length - this.capacity);
    for (let i = start; i < lines.length; i++) {
      ring.lines[ring.next] = lines[i];
      ring.next = (ring.next + 1) % this.capacity;
    }
    ring.total += lines.length;
    this.version++;
  }

  /** The newest `count` lines of the unit, oldest first. */
  tail(unit: string, count: number): LogLine[] {
    const ring = this.rings.get(unit);
    if (!ring) return [];
    const n = Math.min(count, ring.total, this.capacity);
    const out: LogLine[] = new Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = ring.lines[(ring.next - n + i + this.capacity * 2) % this.capacity]!;
    }
    return out;
  }

  total(unit: string): number {
    return this.rings.get(unit)?.total ?? 0;
  }

  /** Forgets every line (a new run of the pipeline logs anew). */
  clear(): void {
    this.rings.clear();
    this.version++;
  }
}
