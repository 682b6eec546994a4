import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { AdvancedView } from '../../components/AdvancedView.js';
import { fieldScreenProps } from '../../components/field-screen.js';
import { StaysFixedScreen } from '../../components/StaysFixedScreen.js';
import { displayWidth } from '../../src/format/width.js';
import { translator } from '../../src/i18n/index.js';
import { SEED } from '../../src/model/seed.js';
import { draftFrom } from '../../src/wizard/draft.js';
import { kit } from '../../src/wizard/kit.js';
import { rowsOf } from '../../src/wizard/rows.js';
import type { State } from '../../src/wizard/state.js';
import { press, send, testState, type } from '../unit/wizard-helpers.js';
import { mount } from './harness.js';

afterEach(cleanup);

function atStaysFixed(version: string): State {
  let s = press(testState(), 'enter');
  const draft = draftFrom(
    {
      advertiseAddress: '192.168.50.101',
      bindAddress: '192.168.50.101',
      securePort: 6443,
      etcdServers: [...SEED.etcdServers],
    },
    { version },
  );
  s = send(s, { type: 'BEGUN', id: s.request!.id, payload: { draft, origin: { kind: 'new' } } });
  s = press(s, 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'enter');
  expect(s.step).toBe('staysFixed');
  return s;
}

function view(s: State, lang: 'en' | 'zh', height = 60, width = 120) {
  return mount(
    <StaysFixedScreen
      t={translator(lang)}
      version={s.draft.version}
      detectedVersion={s.host.detectedVersion}
      rows={rowsOf(s)}
      focus={s.focus}
      problems={s.problems}
      width={width}
      height={height}
    />,
  );
}

function advanced(s: State, lang: 'en' | 'zh', width = 110, height = 30) {
  return mount(
    <AdvancedView
      {...fieldScreenProps(translator(lang), s, width, height)}
      uses={kit.advancedFields(s.draft)}
    />,
  );
}

function openAdvanced(s: State): State {
  let out = s;
  while (rowsOf(out)[out.focus]?.kind !== 'advanced') out = press(out, 'down');
  return press(out, 'enter');
}

describe('the stays-fixed screen', () => {
  it('lists the seed’s fixed flags with the seed’s reasons, in Chinese', () => {
    const f = view(atStaysFixed('1.13'), 'zh', 60, 160).flat();
    expect(f).toContain('Kubernetes 版本 ◂ 1.13 ▸');
    expect(f).toContain('--anonymous-auth=false 是否开启对于https端口的匿名访问');
    expect(f).toContain('--kubelet-https=true kubelet作为服务端时启用https,默认监听10250端口');
    expect(f).toContain(
      '--address=127.0.0.1 scheduler本身提供访问端口10251,但其他组件不会主动访问它,填写127.0.0.1即可',
    );
    expect(f).toContain('kube-controller-manager');
    expect(f).toContain('高级:修改这些值…');
  });

  it('marks what 1.24 removes, adds and renames, in English', () => {
    const f = view(atStaysFixed('1.24'), 'en').flat();
    expect(f).toContain('Kubernetes version ◂ 1.24 ▸');
    expect(f).toContain('--enable-swagger-ui=true [removed in 1.24]');
    expect(f).toContain('--kubelet-https=true [removed in 1.22]');
    expect(f).toMatch(/--service-account-issuer=https:\/\/kubern\S* \[added for 1\.20\+\]/);
    expect(f).toContain('--address=127.0.0.1 [→ --bind-address from 1.20]');
    expect(f).toContain('--master=http://127.0.0.1:8080 [→ --kubeconfig from 1.20]');
  });

  it('scrolls the list with the focus in a short terminal and explains the focused flag', () => {
    let s = atStaysFixed('1.13');
    for (let i = 0; i < 30; i++) s = press(s, 'down');
    const f = view(s, 'en', 18).frame();
    expect(f).not.toContain('--service-cluster-ip-range=10.254.0.0/16 the Service cluster IP range');
    expect(f.split('\n').length).toBeLessThanOrEqual(18);
    expect(f).toMatch(/▸ +--/);
  });

  it('cuts nothing at 120 columns but the longest list, and shows the focused flag whole at 80', () => {
    for (const version of ['1.13', '1.24']) {
      let s = atStaysFixed(version);
      const wide = view(s, 'en', 80, 120).frame().split('\n');
      const cut = wide.filter((l) => /^ {4}--\S*…/.test(l));
      expect(
        cut.every((l) => l.includes('--enable-admission-plugins')),
        cut.join('\n'),
      ).toBe(true);
      // the admission plugins, focused: every plugin on screen, over as many lines as they need
      const plugins = (r: ReturnType<typeof rowsOf>[number] | undefined) =>
        r?.kind === 'fixed' && r.row.kind === 'flag' && r.row.flag === '--enable-admission-plugins'
          ? r.row
          : null;
      while (!plugins(rowsOf(s)[s.focus])) s = press(s, 'down');
      const whole = `--enable-admission-plugins=${plugins(rowsOf(s)[s.focus])!.value}`;
      expect(whole.length).toBeGreaterThan(120);
      for (const lang of ['en', 'zh'] as const) {
        const narrow = view(s, lang, 40, 80).frame();
        for (const line of narrow.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
        expect(narrow.replace(/\n {4}/g, '')).toContain(`▸   ${whole}`);
        // and its reason whole under the list, which gives it the lines it needs
        const short = view(s, lang, 19, 80).frame();
        expect(short.split('\n').length).toBeLessThanOrEqual(19);
        const reason = translator(lang)('wizard.why.apiserver.--enable-admission-plugins');
        const bare = (text: string) => text.replace(/\s+/g, '');
        expect(bare(short)).toContain(bare(reason));
        expect(short).toMatch(/^ {2}(Advanced: edit these values…|高级:修改这些值…)$/m);
      }
    }
  });
});

describe('the advanced editor', () => {
  it('edits the values the seed keeps fixed and says what is refused', () => {
    let s = atStaysFixed('1.13');
    s = type(press(openAdvanced(s), 'ctrlU'), '10.254.0.1/16');
    const m = advanced(s, 'en');
    const f = m.flat();
    expect(f).toContain('▸ Service range [10.254.0.1/16');
    expect(f).toContain('expected the network address of the range (10.254.0.0/16), not a host inside it');
    expect(f).toContain('NodePort range [30000-50000');
    expect(f).toContain('--service-cluster-ip-range');
    const zh = advanced(s, 'zh').flat();
    expect(zh).toContain('Service 网段');
    expect(zh).toContain('应为网段的网络地址(10.254.0.0/16),而不是网段内的某个主机地址');
  });

  it('shows only the values the version uses, and where each goes', () => {
    const old = openAdvanced(atStaysFixed('1.13'));
    const ids = rowsOf(old).flatMap((r) => (r.kind === 'field' ? [r.id] : []));
    // 1.13's controller-manager and scheduler reach the apiserver over the insecure port
    expect(ids).not.toContain('certs.controllerManagerCertFile');
    expect(ids).not.toContain('certs.schedulerKeyFile');
    expect(ids).toContain('certs.serviceAccountSigningKeyFile');
    let s = old;
    while (
      rowsOf(s)[s.focus]?.kind !== 'field' ||
      (rowsOf(s)[s.focus] as { id: string }).id !== 'certs.serviceAccountSigningKeyFile'
    )
      s = press(s, 'down');
    // in 1.13 the signing key is the controller-manager's, not the apiserver's
    expect(advanced(s, 'en').flat()).toContain('kube-controller-manager --service-account-private-key-file');
    const modern = openAdvanced(atStaysFixed('1.24'));
    const modernIds = rowsOf(modern).flatMap((r) => (r.kind === 'field' ? [r.id] : []));
    expect(modernIds).toContain('certs.controllerManagerCertFile');
    expect(modernIds).toContain('certs.schedulerKeyFile');
  });

  it('fits every label beside its box at 80 columns, in both languages', () => {
    const s = openAdvanced(atStaysFixed('1.24'));
    for (const lang of ['en', 'zh'] as const) {
      const f = advanced(s, lang, 80, 40).frame();
      const fields = f.split('\n').filter((l) => l.includes('['));
      expect(fields.length).toBeGreaterThan(15);
      for (const l of fields) {
        expect(displayWidth(l), l).toBeLessThanOrEqual(80);
        // the label ends before its box: no label runs into it
        expect(l, l).toMatch(/^[▸ ] \S.*?\S {1,}\[/);
        expect(l.slice(0, l.indexOf('[')), l).not.toContain('…');
      }
    }
  });
});
