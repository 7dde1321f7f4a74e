'use strict';
// js-api.md "Files a page loads": checkout.js is plain ES2017 (no build
// step). The TypeScript parser walks the file and rejects later syntax and
// the later built-ins most likely to slip in.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const ts = require('typescript');
const h = require('./harness.js');

// Property names of built-ins newer than ES2017 (Promise#finally is ES2018, ...).
const LATER_BUILTINS = new Set(['finally', 'fromEntries', 'flat', 'flatMap', 'matchAll', 'allSettled',
  'replaceAll', 'hasOwn', 'at', 'any', 'trimStart', 'trimEnd', 'structuredClone', 'findLast', 'findLastIndex']);

function laterSyntax(file) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = [];
  const at = (node, what) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push(what + ' at line ' + (line + 1));
  };
  const visit = (node) => {
    switch (node.kind) {
      case ts.SyntaxKind.SpreadAssignment: at(node, 'object spread (ES2018)'); break;
      case ts.SyntaxKind.QuestionDotToken: at(node, 'optional chaining (ES2020)'); break;
      case ts.SyntaxKind.QuestionQuestionToken: at(node, 'nullish coalescing (ES2020)'); break;
      case ts.SyntaxKind.QuestionQuestionEqualsToken:
      case ts.SyntaxKind.BarBarEqualsToken:
      case ts.SyntaxKind.AmpersandAmpersandEqualsToken: at(node, 'logical assignment (ES2021)'); break;
      case ts.SyntaxKind.BigIntLiteral: at(node, 'BigInt (ES2020)'); break;
      case ts.SyntaxKind.PrivateIdentifier: at(node, 'private name (ES2022)'); break;
      case ts.SyntaxKind.PropertyDeclaration: at(node, 'class field (ES2022)'); break;
      case ts.SyntaxKind.ClassStaticBlockDeclaration: at(node, 'static block (ES2022)'); break;
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.ExportDeclaration:
      case ts.SyntaxKind.ExportAssignment: at(node, 'module syntax (not a classic script)'); break;
      case ts.SyntaxKind.ObjectBindingPattern:
        if (node.elements.some((e) => e.dotDotDotToken)) at(node, 'object rest (ES2018)');
        break;
      case ts.SyntaxKind.CatchClause:
        if (!node.variableDeclaration) at(node, 'optional catch binding (ES2019)');
        break;
      case ts.SyntaxKind.ForOfStatement:
        if (node.awaitModifier) at(node, 'for await (ES2018)');
        break;
      case ts.SyntaxKind.NumericLiteral:
        if (node.getText(sf).includes('_')) at(node, 'numeric separator (ES2021)');
        break;
      case ts.SyntaxKind.RegularExpressionLiteral: {
        const re = node.getText(sf);
        const flags = re.slice(re.lastIndexOf('/') + 1);
        if (/[sd]/.test(flags)) at(node, 'regexp flag ' + flags + ' (ES2018+)');
        if (/\(\?<[=!a-zA-Z]/.test(re)) at(node, 'regexp lookbehind or named group (ES2018)');
        break;
      }
      case ts.SyntaxKind.PropertyAccessExpression:
        if (LATER_BUILTINS.has(node.name.text)) at(node, '.' + node.name.text + ' (after ES2017)');
        break;
      default:
        if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) &&
            node.asteriskToken && (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Async)) {
          at(node, 'async generator (ES2018)');
        }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

test('js-api Files: checkout.js uses no syntax or built-in newer than ES2017', () => {
  assert.deepEqual(laterSyntax(h.CHECKOUT_JS), []);
});

test('js-api Files: the ES2017 check itself finds later syntax', () => {
  const tmp = require('node:path').join(require('node:os').tmpdir(), 'checkout-syntax-probe.js');
  fs.writeFileSync(tmp, 'var a = {...b}; var c = d?.e ?? 1; try {} catch {} p.finally(f); var {x, ...rest} = y; /a/s;\n');
  try {
    const found = laterSyntax(tmp);
    for (const what of ['object spread', 'optional chaining', 'nullish coalescing', 'optional catch binding',
      '.finally', 'object rest', 'regexp flag s']) {
      assert.ok(found.some((f) => f.startsWith(what)), what + ' detected: ' + found.join('; '));
    }
  } finally {
    fs.unlinkSync(tmp);
  }
});
