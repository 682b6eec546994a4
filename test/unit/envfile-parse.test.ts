import { describe, expect, it } from 'vitest';
import { envOf, parseEnvFile, splitWords } from '../../src/parse/envfile.js';
import { execArgv } from '../../src/parse/unit.js';

describe('EnvironmentFile parsing (systemd rules)', () => {
  it('reads the seed’s multi-line double-quoted value as one line of flags', () => {
    const text = [
      '###',
      '# Add your own!',
      'KUBE_API_ARGS="--anonymous-auth=false \\',
      '--allow-privileged=true \\',
      '--v=2"',
      '',
    ].join('\n');
    expect(envOf(text).get('KUBE_API_ARGS')).toBe('--anonymous-auth=false --allow-privileged=true --v=2');
  });

  it('skips comment lines, including a commented-out assignment', () => {
    const env = envOf('# KUBELET_PORT="--kubelet-port=10250"\n; X=1\nA=b\n');
    expect([...env.keys()]).toEqual(['A']);
  });

  it('keeps single-quoted text literally and joins quoted parts', () => {
    expect(envOf("A='x \\ y'\n").get('A')).toBe('x \\ y');
    expect(envOf('A="x" \'y\'\n').get('A')).toBe('xy');
    // once unquoted text has started, quotes are literal characters
    expect(envOf('A="x"y\'z\'\n').get('A')).toBe("xy'z'");
  });

  it('escapes only " \\ ` $ inside double quotes', () => {
    expect(envOf('A="a\\"b\\$c\\d"\n').get('A')).toBe('a"b$c\\d');
  });

  it('continues an unquoted value over a backslash-newline and trims trailing blanks', () => {
    expect(envOf('A=one \\\ntwo   \n').get('A')).toBe('one two');
  });

  it('lets a later assignment win and reports the line it starts on', () => {
    const entries = parseEnvFile('A=1\n\nA=2\n');
    expect(entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['A', '1', 1],
      ['A', '2', 3],
    ]);
    expect(envOf('A=1\nA=2').get('A')).toBe('2');
  });

  it('ignores lines that are not assignments', () => {
    expect([...envOf('just words\nB=2\n').entries()]).toEqual([['B', '2']]);
  });

  it('splits $VAR into words, the braced form into one', () => {
    expect(splitWords('--a=1  --b="two words"')).toEqual(['--a=1', '--b=two words']);
    const braced = ['$', '{A}'].join('');
    const unit = `[Service]\nExecStart=/usr/local/bin/x \\\n$A \\\n${braced} \\\n$MISSING\n`;
    expect(execArgv(unit, 'A="--p=1 --q=2"\n')).toEqual([
      '/usr/local/bin/x',
      '--p=1',
      '--q=2',
      '--p=1 --q=2',
    ]);
  });
});
