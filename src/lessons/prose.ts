// Lesson prose as HTML: marked's own renderer, except that raw HTML is shown as text (a lesson
// file is content, not code) and links may only be http(s) or in-page.
import { Parser, Renderer, type Token, type Tokens } from 'marked';

const ESCAPES: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

class SafeRenderer extends Renderer {
	override html({ text }: Tokens.HTML | Tokens.Tag): string {
		return escapeHtml(text);
	}

	override link(token: Tokens.Link): string {
		if (!/^(https?:|#)/i.test(token.href)) return this.parser.parseInline(token.tokens);
		return super.link(token).replace('<a ', '<a rel="noopener noreferrer" target="_blank" ');
	}

	override image({ text }: Tokens.Image): string {
		return escapeHtml(text);
	}
}

const parser = new Parser({ renderer: new SafeRenderer(), gfm: true });

export function renderTokens(tokens: Token[]): string {
	return parser.parse(tokens);
}

/** How many words a run of prose tokens holds (code spans count; fences are not prose). */
export function countWords(tokens: readonly Token[]): number {
	let n = 0;
	for (const t of tokens) {
		if (t.type === 'code' || t.type === 'space') continue;
		n += t.raw.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
	}
	return n;
}
