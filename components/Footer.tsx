import { Box, Text } from 'ink';
import type { Translate } from '../src/i18n/index.js';
import type { Hint } from '../src/wizard/types.js';

/** The keys that work now, always on screen: "↑↓ move · Enter go on · Esc back · q quit". */
export function Footer({ t, hints, width }: { t: Translate; hints: Hint[]; width: number }) {
  return (
    <Box width={width} flexWrap="wrap" columnGap={2}>
      {hints.map((h) => (
        <Text key={h.label} wrap="truncate-end">
          <Text bold>{h.keys}</Text> {t(h.label)}
        </Text>
      ))}
    </Box>
  );
}
