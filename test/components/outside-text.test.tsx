import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldRow } from '../../components/FieldRow.js';
import { ReviewScreen } from '../../components/ReviewScreen.js';
import type { PlannedFile } from '../../src/apply/plan.js';
import { translator } from '../../src/i18n/index.js';
import { reviewDoc } from '../../src/wizard/review.js';
import { REVIEW_BUTTONS } from '../../src/wizard/rows.js';
import { mount } from './harness.js';

afterEach(cleanup);

// Values from a profile or a file on the host may hold anything; the screens draw each
// control or bidi character as something visible and never send it to the terminal.
const HOSTILE = '\u001b[2J\u001b]0;owned\u0007\u202e10.0.0.1\u009b31m';
const raw = (text: string) =>
  ['\u001b[2J', '\u001b]0;', '\u0007', '\u202e', '\u009b'].filter((seq) => text.includes(seq));

describe('text from outside on the screens', () => {
  it.each([false, true])(
    'a field holding control characters is drawn with stand-ins (focused: %s)',
    (focused) => {
      const r = mount(
        <FieldRow
          t={translator('en')}
          label="advertise address"
          labelWidth={20}
          value={HOSTILE}
          focused={focused}
          cursor={3}
          boxWidth={40}
          problem={{
            field: 'advertiseAddress',
            path: ['advertiseAddress'],
            value: HOSTILE,
            accepted: { key: 'accept.ip' },
          }}
        />,
      );
      const frame = r.lastFrame() ?? '';
      expect(raw(frame)).toEqual([]);
      expect(r.frame()).toContain('␛[2J␛]0;owned␇');
      expect(r.flat()).toContain(
        '"\\u001b[2J\\u001b]0;owned\\u0007\\u202e10.0.0.1\\u009b31m" is not accepted',
      );
    },
  );

  it('the review shows a file on disk that holds escape sequences, escaped', () => {
    const file: PlannedFile = {
      path: '/etc/kubernetes/apiserver',
      target: '/r/etc/kubernetes/apiserver',
      content: 'KUBE_API_PORT="--secure-port=6443"\n',
      mode: 0o644,
      kind: 'envfile',
      component: 'kube-apiserver',
      current: { content: `KUBE_API_PORT="--secure-port=6443${HOSTILE}"\n`, mode: 0o644 },
      action: 'update',
    };
    const r = mount(
      <ReviewScreen
        t={translator('en')}
        review={reviewDoc([file], [], [])}
        scroll={0}
        viewport={20}
        buttons={REVIEW_BUTTONS}
        focus={0}
        onHost={false}
        root="/r"
        width={160}
      />,
    );
    expect(raw(r.lastFrame() ?? '')).toEqual([]);
    expect(r.frame()).toContain(
      '- KUBE_API_PORT="--secure-port=6443\\u001b[2J\\u001b]0;owned\\u0007\\u202e10.0.0.1',
    );
  });
});
