import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface WindowSize {
  columns: number;
  rows: number;
}

/**
 * The terminal's size, kept current on every resize (as Ink 7's useWindowSize). A stream that
 * is not a terminal has no size: `fallback` stands in for it.
 */
export function useWindowSize(fallback: WindowSize = { columns: 80, rows: 24 }): WindowSize {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns ?? fallback.columns, rows: stdout.rows ?? fallback.rows });
  const [size, setSize] = useState(read);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the listener is set once per stream
  useEffect(() => {
    const resized = () => setSize(read);
    stdout.on('resize', resized);
    return () => {
      stdout.off('resize', resized);
    };
  }, [stdout]);
  return size;
}
