import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Translate } from '../src/i18n/index.js';
import type { Hint } from '../src/wizard/types.js';

interface FooterProps {
  t: Translate;
  hints: Hint[];
  width: number;
}

/** The same keys in the same order (the list is made anew for every state, mostly unchanged). */
const sameHints = (a: FooterProps, b: FooterProps) =>
  a.t === b.t &&
  a.width === b.width &&
  a.hints.length === b.hints.length &&
  a.hints.every((h, i) => h.keys === b.hints[i]!.keys && h.label === b.hints[i]!.label);

/** The keys that work now, always on screen: "↑↓ move · Enter go on · Esc back · q quit". */
export const Footer = memo(function Footer({ t, hints, width }: FooterProps) {
  return (
    <Box width={width} flexWrap="wrap" columnGap={2}>
      {hints.map((h) => (
        <Text key={h.label} wrap="truncate-end">
          <Text bold>{h.keys}</Text> {t(h.label)}
        </Text>
      ))}
    </Box>
  );
}, sameHints);
