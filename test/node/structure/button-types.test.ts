import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../support/source-files';

/**
 * Every <button> of the renderer says its type. A button without one is a submit button: inside
 * a form (or inside a component rendered in one, such as the error banner's close button on the
 * sign-in form) it becomes the form's default button, and Enter presses it instead of submitting.
 */
describe('buttons', () => {
  it('every JSX <button> has an explicit type attribute', () => {
    const untyped: string[] = [];
    for (const f of sourceFiles(['renderer']).filter((s) => s.path.endsWith('.tsx'))) {
      const src = ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const visit = (n: ts.Node): void => {
        if ((ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) && n.tagName.getText(src) === 'button') {
          const typed = n.attributes.properties.some((p) => ts.isJsxAttribute(p) && p.name.getText(src) === 'type');
          if (!typed) untyped.push(`${f.path}:${src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1}`);
        }
        ts.forEachChild(n, visit);
      };
      visit(src);
    }
    expect(untyped).toEqual([]);
  });
});
