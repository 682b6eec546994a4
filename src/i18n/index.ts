import type { PluralKey } from './catalog.js';
import adopt from './messages/adopt.js';
import apply from './messages/apply.js';
import cli from './messages/cli.js';
import doctor from './messages/doctor.js';
import ha from './messages/ha.js';
import model from './messages/model.js';
import preflight from './messages/preflight.js';
import profiles from './messages/profiles.js';
import status from './messages/status.js';
import wizard from './messages/wizard.js';
import { terminalSafe } from './terminal-text.js';

/**
 * Every word a user sees, in English and Chinese. Areas keep their own catalogue in
 * messages/; this module joins them and picks the language.
 */
const areas = [model, cli, profiles, adopt, wizard, ha, apply, status, preflight, doctor] as const;

type Union<T> = T extends { en: infer E } ? keyof E : never;
/** A message's key; plural forms (`KEY_one`) are picked by the translator, never named. */
export type MessageKey = Exclude<Union<(typeof areas)[number]>, PluralKey>;
export type Lang = 'en' | 'zh';
export type Params = Record<string, string | number>;
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** A language's table, joined the first time it is asked for (the other one may never be). */
const tables: Partial<Record<Lang, Record<string, string>>> = {};
function tableOf(lang: Lang): Record<string, string> {
  let table = tables[lang];
  if (!table) {
    table = Object.assign({}, ...areas.map((area) => area[lang])) as Record<string, string>;
    tables[lang] = table;
  }
  return table;
}

export function allKeys(): MessageKey[] {
  return Object.keys(tableOf('en')).filter((k) => !k.endsWith('_one')) as MessageKey[];
}

export function messageTable(lang: Lang): Readonly<Record<string, string>> {
  return tableOf(lang);
}

/**
 * The sentence with its parameters filled in. A parameter may come from outside (a value or
 * key of an answers file, a profile, a file on the host, an error): each is shown with its
 * control and bidi characters escaped, so no message ever carries them to a terminal.
 */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name]!;
    return typeof value === 'string' ? terminalSafe(value) : String(value);
  });
}

export type Translate = (key: MessageKey, params?: Params) => string;

/** The form of a message for `params.count`: `KEY_one` where the language says "one" and it exists. */
function pluralKey(rules: Intl.PluralRules, key: string, params?: Params): string | null {
  const count = params?.count;
  if (typeof count !== 'number') return null;
  const form = rules.select(count);
  return form === 'other' ? null : `${key}_${form}`;
}

export function translator(lang: Lang): Translate {
  const table = tableOf(lang);
  const rules = new Intl.PluralRules(lang);
  return (key, params) => {
    const plural = pluralKey(rules, key, params);
    const template = (plural ? table[plural] : undefined) ?? table[key] ?? tableOf('en')[key] ?? key;
    return format(template, params);
  };
}

/** --lang wins; else LC_ALL, LC_MESSAGES, LANG as the C library reads them; else English. */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'en' || flag === 'zh') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh([_.-]|$)/i.test(locale) ? 'zh' : 'en';
}
