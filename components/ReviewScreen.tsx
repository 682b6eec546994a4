import { Box, Text } from 'ink';
import type { Translate } from '../src/i18n/index.js';
import { reviewRows } from '../src/wizard/review-rows.js';
import type { ReviewButton } from '../src/wizard/rows.js';
import type { ReviewDoc } from '../src/wizard/types.js';
import { DiffView } from './DiffView.js';
import { useColors } from './theme.js';

export interface ReviewScreenProps {
  t: Translate;
  review: ReviewDoc | null;
  scroll: number;
  /** lines of the diff on screen */
  viewport: number;
  buttons: ReviewButton[];
  focus: number;
  /** on a master the files are written and the units started; elsewhere only written */
  onHost: boolean;
  root: string;
  width: number;
}

/**
 * Everything that will happen, before anything does: each file as a diff against the disk
 * (new files whole) with its mode, the backups, the commands. Scrolls within the terminal;
 * then confirm, save the answers without applying, or go back.
 */
export function ReviewScreen({
  t,
  review,
  scroll,
  viewport,
  buttons,
  focus,
  onHost,
  root,
  width,
}: ReviewScreenProps) {
  const c = useColors();
  const label = (b: ReviewButton) =>
    b === 'apply'
      ? onHost
        ? t('wizard.review.apply')
        : t('wizard.review.write', { root })
      : b === 'saveOnly'
        ? t('wizard.review.saveOnly')
        : t('wizard.back');
  const rows = review ? reviewRows(review, width) : [];
  const total = rows.length;
  return (
    <Box flexDirection="column" width={width}>
      {review ? (
        <DiffView t={t} rows={rows} scroll={scroll} height={viewport} width={width} />
      ) : (
        <Box height={viewport}>
          <Text dimColor>{t('wizard.review.reading')}</Text>
        </Box>
      )}
      <Text dimColor>
        {total > viewport
          ? t('wizard.review.position', { from: scroll + 1, to: Math.min(total, scroll + viewport), total })
          : ' '}
      </Text>
      <Box columnGap={2} flexWrap="wrap">
        {buttons.map((b, i) => (
          <Text key={b} bold={i === focus} inverse={i === focus} color={i === focus ? undefined : c.accent}>
            {` ${label(b)} `}
          </Text>
        ))}
      </Box>
    </Box>
  );
}
