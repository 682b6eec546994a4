import { Box, Text } from 'ink';
import type { Translate } from '../src/i18n/index.js';
import type { ReviewLine } from '../src/wizard/types.js';
import { useColors } from './theme.js';

function Line({ t, line }: { t: Translate; line: ReviewLine }) {
  const c = useColors();
  switch (line.kind) {
    case 'heading':
      return <Text bold>{t(line.key, line.params)}</Text>;
    case 'file': {
      const mode = line.oldMode && line.oldMode !== line.mode ? `${line.oldMode} → ${line.mode}` : line.mode;
      return (
        <Text
          bold
          color={line.action === 'unchanged' ? undefined : c.accent}
          dimColor={line.action === 'unchanged'}
        >
          {t('wizard.review.file', { path: line.path, action: t(`cli.action.${line.action}`), mode })}
        </Text>
      );
    }
    case 'backup':
      return <Text color={c.warn}>{t('wizard.review.backup', { path: line.path })}</Text>;
    case 'hunk':
      return <Text color={c.hunk}>{line.text}</Text>;
    case 'add':
      return <Text color={c.add}>{line.text}</Text>;
    case 'del':
      return <Text color={c.del}>{line.text}</Text>;
    case 'same':
      return <Text dimColor>{line.text}</Text>;
    case 'dropped':
      return (
        <Text color={c.warn}>
          {`  ${line.flag} (${line.component}) — `}
          {t(`cli.why.${line.reason as 'removed'}`, { since: line.since })}
        </Text>
      );
    case 'cmd':
      return <Text>{`  $ ${line.text}`}</Text>;
    case 'blank':
      return <Text> </Text>;
  }
}

/** A window of `height` review lines from `scroll`, each cut to the width (no wrapping). */
export function DiffView({
  t,
  lines,
  scroll,
  height,
  width,
}: {
  t: Translate;
  lines: ReviewLine[];
  scroll: number;
  height: number;
  width: number;
}) {
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(scroll, scroll + height).map((line, i) => (
        // lines have no identity of their own; their place in the document is stable
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Box key={scroll + i} width={width} height={1} overflow="hidden">
          <Line t={t} line={line} />
        </Box>
      ))}
    </Box>
  );
}
