import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS, lazyCatalog } from '../../scripts/build-startup.mjs';

/**
 * The build writes each message catalogue again as two JSON strings parsed on first use
 * (scripts/build-startup.mjs, lazyCatalog). What the rewritten module gives must be the
 * catalogue itself, in both languages, and a table must not be built before it is asked for.
 */
const DIR = new URL('../../src/i18n/messages/', import.meta.url).pathname;
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

async function load(text: string): Promise<{ en: Record<string, string>; zh: Record<string, string> }> {
  return (await import(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`)).default;
}

describe('the message catalogues as the build writes them', () => {
  it('are every file of src/i18n/messages', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) expect(CATALOGS.test(join(DIR, f)), f).toBe(true);
    expect(CATALOGS.test('/p/src/i18n/index.ts')).toBe(false);
  });

  it.each(files)('%s gives the same English and Chinese tables as the module', async (f) => {
    const path = join(DIR, f);
    const source = (await import(path)).default as { en: object; zh: object };
    const rewritten = await load(await lazyCatalog(path, readFileSync(path, 'utf8')));
    expect(rewritten.en).toEqual(source.en);
    expect(rewritten.zh).toEqual(source.zh);
    expect(Object.keys(rewritten.en).length).toBeGreaterThan(0);
  });

  it('parses a language only when it is read', async () => {
    const text = await lazyCatalog(
      '/p/src/i18n/messages/x.ts',
      "import { catalog } from '../catalog.js';\nexport default catalog({ 'x.a': 'A' }, { 'x.a': '甲' });",
    );
    const parse = JSON.parse;
    const parsed: unknown[] = [];
    JSON.parse = (s: string) => {
      const v = parse(s);
      parsed.push(v);
      return v;
    };
    try {
      const table = await load(text);
      expect(parsed).toEqual([]);
      expect(table.zh).toEqual({ 'x.a': '甲' });
      expect(parsed).toEqual([{ 'x.a': '甲' }]);
      expect(table.zh).toBe(table.zh);
      expect(parsed).toHaveLength(1);
    } finally {
      JSON.parse = parse;
    }
  });

  it('refuses a catalogue that imports anything else or is not two tables of strings', async () => {
    await expect(
      lazyCatalog(
        '/p/x.ts',
        "import { catalog } from '../catalog.js';\nimport { y } from './y.js';\nexport default catalog({ a: y }, { a: y });",
      ),
    ).rejects.toThrow(/imports \.\/y\.js/);
    await expect(
      lazyCatalog(
        '/p/x.ts',
        "import { catalog } from '../catalog.js';\nexport default catalog({ a: 1 }, { a: 2 });",
      ),
    ).rejects.toThrow(/two tables of strings/);
    await expect(
      lazyCatalog(
        '/p/x.ts',
        "import { catalog } from '../catalog.js';\nexport const extra = 1;\nexport default catalog({}, {});",
      ),
    ).rejects.toThrow(/exports only/);
  });
});
