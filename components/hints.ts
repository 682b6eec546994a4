import { focusedRow, type Row } from '../src/wizard/rows.js';
import type { State } from '../src/wizard/state.js';
import type { Hint } from './Footer.js';

const MOVE: Hint = { keys: '↑↓/Tab', label: 'wizard.key.move' };
const BACK: Hint = { keys: 'Esc', label: 'wizard.key.back' };
const QUIT: Hint = { keys: 'q', label: 'wizard.key.quit' };
const CTRL_C: Hint = { keys: 'Ctrl-C', label: 'wizard.key.quit' };

function forRow(row: Row | undefined): Hint[] {
  switch (row?.kind) {
    case 'field':
      return [
        MOVE,
        { keys: 'Enter', label: 'wizard.key.nextField' },
        ...(row.suggestions?.length ? [{ keys: '←→', label: 'wizard.key.pickAddress' } as Hint] : []),
        { keys: 'Ctrl-U', label: 'wizard.key.clear' },
        ...(row.id.startsWith('etcdServers.')
          ? [
              { keys: 'Ctrl-D', label: 'wizard.key.remove' } as Hint,
              { keys: 'Shift-↑↓', label: 'wizard.key.reorder' } as Hint,
            ]
          : []),
      ];
    case 'profileName':
      return [MOVE, { keys: 'Enter', label: 'wizard.key.save' }];
    case 'choice':
      return [
        MOVE,
        { keys: 'Enter', label: 'wizard.key.choose' },
        ...(row.choice === 'profile' ? [{ keys: '←→', label: 'wizard.key.pickProfile' } as Hint] : []),
      ];
    case 'version':
      return [
        MOVE,
        { keys: '←→', label: 'wizard.key.pickVersion' },
        { keys: 'Enter', label: 'wizard.key.next' },
      ];
    case 'button':
      return [
        { keys: '←→/Tab', label: 'wizard.key.pickButton' },
        { keys: 'Enter', label: 'wizard.key.press' },
      ];
    default:
      return [MOVE, { keys: 'Enter', label: 'wizard.key.next' }];
  }
}

/** The keys that work now, for the footer: movement, Enter, then Esc and quit. */
export function hintsFor(s: State): Hint[] {
  if (s.step === 'apply' && s.run && s.outcome !== 'healthy') return [CTRL_C];
  if (s.step === 'preflight') {
    return [
      { keys: '↑↓ PgUp/PgDn', label: 'wizard.key.scroll' },
      { keys: 'Enter', label: 'wizard.key.next' },
      BACK,
      QUIT,
    ];
  }
  const row = focusedRow(s);
  const text = row?.kind === 'field' || row?.kind === 'profileName';
  const own =
    s.step === 'review'
      ? [{ keys: '↑↓ PgUp/PgDn', label: 'wizard.key.scroll' } as Hint, ...forRow(row)]
      : forRow(row);
  const wrote = s.written !== null || s.outcome !== null;
  const back = s.step === 'start' || s.step === 'apply' || (s.step === 'save' && wrote) ? [] : [BACK];
  return [...own, ...back, text ? CTRL_C : QUIT];
}
