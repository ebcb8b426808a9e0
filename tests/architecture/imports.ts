// Reads the import statements of a TypeScript, JavaScript or Svelte source with the TypeScript
// parser: static imports and re-exports, dynamic import(), and type-only forms (import type,
// export type, `import('x').T` in type positions). Under `verbatimModuleSyntax` an
// `import { type A } from 'x'` still loads 'x' at runtime, so only whole-statement `type` counts.
import ts from 'typescript';

export interface ImportRef {
	readonly specifier: string;
	readonly typeOnly: boolean;
	readonly line: number;
}

const SCRIPT = /<script\b[^>]*>([\s\S]*?)<\/script>/g;

/** The script blocks of a .svelte file, each with the line it starts on (0-based). */
function svelteScripts(source: string): { code: string; lineOffset: number }[] {
	const scripts: { code: string; lineOffset: number }[] = [];
	for (const match of source.matchAll(SCRIPT)) {
		const body = match[1] ?? '';
		const start = (match.index ?? 0) + match[0].indexOf(body);
		scripts.push({ code: body, lineOffset: source.slice(0, start).split('\n').length - 1 });
	}
	return scripts;
}

function importsOfScript(code: string, lineOffset: number, fileName: string): ImportRef[] {
	const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
	const refs: ImportRef[] = [];
	const add = (literal: ts.Node, typeOnly: boolean) => {
		if (!ts.isStringLiteralLike(literal)) return;
		const { line } = file.getLineAndCharacterOfPosition(literal.getStart(file));
		refs.push({ specifier: literal.text, typeOnly, line: line + 1 + lineOffset });
	};
	const visit = (node: ts.Node): void => {
		if (ts.isImportDeclaration(node)) {
			add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
		} else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
			add(node.moduleSpecifier, node.isTypeOnly);
		} else if (
			ts.isImportEqualsDeclaration(node) &&
			ts.isExternalModuleReference(node.moduleReference)
		) {
			add(node.moduleReference.expression, node.isTypeOnly);
		} else if (ts.isImportTypeNode(node)) {
			const argument = node.argument;
			if (ts.isLiteralTypeNode(argument)) add(argument.literal, true);
		} else if (ts.isCallExpression(node)) {
			const callee = node.expression;
			const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
			const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
			const first = node.arguments[0];
			if ((isImport || isRequire) && first) add(first, false);
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return refs;
}

export function readImports(path: string, source: string): ImportRef[] {
	if (path.endsWith('.svelte')) {
		return svelteScripts(source).flatMap((s) => importsOfScript(s.code, s.lineOffset, path));
	}
	return importsOfScript(source, 0, path);
}
