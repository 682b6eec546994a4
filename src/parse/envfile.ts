/**
 * Reads an EnvironmentFile the way systemd does (src/basic/env-file.c): comment lines
 * start with # or ;, `KEY=value` with optional quotes, a backslash-newline continues a line
 * (inside double quotes it is removed), inside double quotes a backslash escapes only
 * " \ ` $ and newline, single quotes are literal, and quoted parts join the text around
 * them. Used to adopt files written by hand from the seed and to check what we write.
 */
export interface EnvEntry {
  key: string;
  value: string;
  /** 1-based line where the assignment starts */
  line: number;
}

const NEWLINE = '\n\r';
const WHITESPACE = ' \t\n\r';
const SHELL_NEED_ESCAPE = '"\\`$';

type State =
  | 'PRE_KEY'
  | 'KEY'
  | 'PRE_VALUE'
  | 'VALUE'
  | 'VALUE_ESCAPE'
  | 'SINGLE_QUOTE'
  | 'DOUBLE_QUOTE'
  | 'DOUBLE_QUOTE_ESCAPE'
  | 'COMMENT'
  | 'COMMENT_ESCAPE';

export function parseEnvFile(text: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  let state: State = 'PRE_KEY';
  let key = '';
  let value = '';
  let lastValueWhitespace = -1;
  let line = 1;
  let startLine = 1;

  const push = () => {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) entries.push({ key, value, line: startLine });
    key = '';
    value = '';
  };

  for (const c of text) {
    switch (state) {
      case 'PRE_KEY':
        if (c === '#' || c === ';') state = 'COMMENT';
        else if (!WHITESPACE.includes(c)) {
          state = 'KEY';
          key = c;
          startLine = line;
        }
        break;
      case 'KEY':
        if (NEWLINE.includes(c)) {
          state = 'PRE_KEY';
          key = '';
        } else if (c === '=') {
          state = 'PRE_VALUE';
          lastValueWhitespace = -1;
        } else if (' \t'.includes(c)) {
          // systemd allows white space between the key and '='
        } else key += c;
        break;
      case 'PRE_VALUE':
        if (NEWLINE.includes(c)) {
          state = 'PRE_KEY';
          push();
        } else if (c === "'") state = 'SINGLE_QUOTE';
        else if (c === '"') state = 'DOUBLE_QUOTE';
        else if (c === '\\') state = 'VALUE_ESCAPE';
        else if (!WHITESPACE.includes(c)) {
          state = 'VALUE';
          value += c;
        }
        break;
      case 'VALUE':
        if (NEWLINE.includes(c)) {
          state = 'PRE_KEY';
          if (lastValueWhitespace >= 0) value = value.slice(0, lastValueWhitespace);
          push();
          lastValueWhitespace = -1;
        } else if (c === '\\') {
          state = 'VALUE_ESCAPE';
          lastValueWhitespace = -1;
        } else {
          if (!WHITESPACE.includes(c)) lastValueWhitespace = -1;
          else if (lastValueWhitespace < 0) lastValueWhitespace = value.length;
          value += c;
        }
        break;
      case 'VALUE_ESCAPE':
        state = 'VALUE';
        if (!NEWLINE.includes(c)) value += c;
        break;
      case 'SINGLE_QUOTE':
        if (c === "'") state = 'PRE_VALUE';
        else value += c;
        break;
      case 'DOUBLE_QUOTE':
        if (c === '"') state = 'PRE_VALUE';
        else if (c === '\\') state = 'DOUBLE_QUOTE_ESCAPE';
        else value += c;
        break;
      case 'DOUBLE_QUOTE_ESCAPE':
        state = 'DOUBLE_QUOTE';
        if (SHELL_NEED_ESCAPE.includes(c)) value += c;
        else if (c === '\n') {
          // line continuation
        } else value += `\\${c}`;
        break;
      case 'COMMENT':
        if (c === '\\') state = 'COMMENT_ESCAPE';
        else if (NEWLINE.includes(c)) state = 'PRE_KEY';
        break;
      case 'COMMENT_ESCAPE':
        state = 'COMMENT';
        break;
    }
    if (c === '\n') line++;
  }
  if (
    ['PRE_VALUE', 'VALUE', 'VALUE_ESCAPE', 'SINGLE_QUOTE', 'DOUBLE_QUOTE', 'DOUBLE_QUOTE_ESCAPE'].includes(
      state,
    )
  ) {
    if (state === 'VALUE' && lastValueWhitespace >= 0) value = value.slice(0, lastValueWhitespace);
    push();
  }
  return entries;
}

/** The environment an EnvironmentFile gives: later assignments win, as in systemd. */
export function envOf(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const e of parseEnvFile(text)) env.set(e.key, e.value);
  return env;
}

/**
 * The words `$NAME` becomes on a command line: the value split at white space, quotes
 * removed (systemd splits with EXTRACT_UNQUOTE | EXTRACT_RELAX).
 */
export function splitWords(value: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < value.length) word += value[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < value.length) {
      word += value[++i];
      inWord = true;
    } else if (WHITESPACE.includes(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
