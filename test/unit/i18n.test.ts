/**
 * The catalogue (`locales/*.yml`) against the code: both languages have the
 * same keys with the same substitutions and plural forms; every key is used
 * and every key used exists; keys are named literally (so this test can see
 * them); and no component writes words of its own instead of taking them from
 * the catalogue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParsedMessage, parseMessagesText } from '@wxt-dev/i18n/build';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const LANGUAGES = ['en', 'es'] as const;
const SOURCE_DIRS = ['entrypoints', 'components', 'utils'];

function catalogue(language: string): Map<string, ParsedMessage> {
  const parsed = parseMessagesText(readFileSync(`locales/${language}.yml`, 'utf8'), 'YAML');
  // The browser's own (@@ui_locale…) are added by the parser to every catalogue.
  return new Map(parsed.filter((m) => !m.key[0]?.startsWith('@@')).map((m) => [m.key.join('.'), m]));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const files = SOURCE_DIRS.flatMap(sourceFiles).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const english = catalogue('en');

/** What must match between languages: `$1` substitutions, `{named}` ones, and plural forms. */
function shape(message: ParsedMessage) {
  return {
    substitutions: message.substitutions,
    named: [...message.namedSubstitutions].sort(),
    plurals: message.type === 'plural' ? Object.keys(message.plurals).sort() : [],
  };
}

describe('the catalogue', () => {
  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    it(`${language} has every English key, no other, each with the same substitutions and plural forms`, () => {
      const other = catalogue(language);
      expect(
        [...other.keys()].filter((k) => !english.has(k)),
        'keys only in the translation',
      ).toEqual([]);
      expect(
        [...english.keys()].filter((k) => !other.has(k)),
        'keys missing from the translation',
      ).toEqual([]);
      for (const [key, message] of english) {
        const translated = other.get(key);
        if (translated) expect(shape(translated), key).toEqual(shape(message));
      }
    });
  }

  it('has no empty message', () => {
    for (const language of LANGUAGES) {
      for (const [key, message] of catalogue(language)) {
        const texts = message.type === 'plural' ? Object.values(message.plurals) : [message.message];
        expect(
          texts.every((t) => t.trim() !== ''),
          `${language}: ${key}`,
        ).toBe(true);
      }
    }
  });
});

describe('the code', () => {
  const used = new Set<string>();
  for (const { text } of files) for (const m of text.matchAll(/\bi18n\.t\(\s*'([^']+)'/g)) used.add(m[1] as string);
  for (const m of readFileSync('wxt.config.ts', 'utf8').matchAll(/__MSG_(\w+)__/g)) {
    used.add((m[1] as string).replaceAll('_', '.'));
  }

  it('names every key literally', () => {
    const dynamic = files.flatMap(({ path, text }) =>
      [...text.matchAll(/\bi18n\.t\(\s*(?!')/g)].map((m) => `${path}:${text.slice(0, m.index).split('\n').length}`),
    );
    expect(dynamic).toEqual([]);
  });

  it('uses only keys the catalogue has', () => {
    expect([...used].filter((k) => !english.has(k))).toEqual([]);
  });

  it('uses every key the catalogue has', () => {
    expect([...english.keys()].filter((k) => !used.has(k))).toEqual([]);
  });

  it('writes no words of its own into what the user reads', () => {
    expect(files.flatMap(({ path, text }) => hardCodedText(path, text))).toEqual([]);
  });
});

/** JSX attributes that a user reads or a screen reader says. */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'title',
  'placeholder',
  'alt',
]);
/** Element properties and attributes set from code that a user reads. */
const READ_PROPERTIES = new Set(['textContent', 'title', 'placeholder', 'ariaLabel']);
const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

/**
 * Words written into the UI instead of taken from the catalogue: JSX text,
 * string literals shown as JSX children or read attributes, strings assigned
 * to `textContent` or set as `aria-label`/`title`, and `new Error('…')` in
 * the extension's own processes (whose messages are shown to the user).
 */
function hardCodedText(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) =>
    found.push(`${path}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
  const literalWords = (node: ts.Node | undefined): ts.Node[] => {
    if (!node) return [];
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasWords(node.text) ? [node] : [];
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
      return parts.some(hasWords) ? [node] : [];
    }
    if (ts.isConditionalExpression(node)) return [...literalWords(node.whenTrue), ...literalWords(node.whenFalse)];
    if (ts.isBinaryExpression(node)) {
      // What can be shown: a concatenation, a fallback, or what `&&` yields; a comparison shows nothing.
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return literalWords(node.right);
      if (
        op === ts.SyntaxKind.PlusToken ||
        op === ts.SyntaxKind.BarBarToken ||
        op === ts.SyntaxKind.QuestionQuestionToken
      )
        return [...literalWords(node.left), ...literalWords(node.right)];
      return [];
    }
    if (ts.isParenthesizedExpression(node)) return literalWords(node.expression);
    return [];
  };
  const inProcess = /^(entrypoints|components)\//.test(path);
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, `JSX text "${node.text.trim()}"`);
    if (ts.isJsxExpression(node) && node.parent && !ts.isJsxAttribute(node.parent)) {
      for (const n of literalWords(node.expression)) report(n, `JSX child ${n.getText()}`);
    }
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText())) {
      const init = node.initializer;
      const value = init && ts.isJsxExpression(init) ? init.expression : init;
      for (const n of literalWords(value)) report(n, `${node.name.getText()}=${n.getText()}`);
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      READ_PROPERTIES.has(node.left.name.text)
    ) {
      for (const n of literalWords(node.right)) report(n, `${node.left.name.text} = ${n.getText()}`);
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'setAttribute' &&
      READ_ATTRIBUTES.has((node.arguments[0] as ts.StringLiteral | undefined)?.text ?? '')
    ) {
      for (const n of literalWords(node.arguments[1])) report(n, `setAttribute(${n.getText()})`);
    }
    if (inProcess && ts.isNewExpression(node) && /Error$/.test(node.expression.getText())) {
      for (const n of literalWords(node.arguments?.[0])) report(n, `new ${node.expression.getText()}(${n.getText()})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
