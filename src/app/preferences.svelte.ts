// Display preferences a learner or an instructor sets once: large text for projectors, and the
// language of the cache-aside listing. Kept in localStorage; a blocked store just forgets them.

const KEY = 'cachelab/preferences/v1';

export type ListingLanguage = 'python' | 'typescript';

interface Stored {
	largeText: boolean;
	listing: ListingLanguage;
}

function load(): Stored {
	const fallback: Stored = { largeText: false, listing: 'python' };
	try {
		const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
		const v: unknown = raw ? JSON.parse(raw) : null;
		if (!v || typeof v !== 'object') return fallback;
		const o = v as Partial<Stored>;
		return {
			largeText: o.largeText === true,
			listing: o.listing === 'typescript' ? 'typescript' : 'python',
		};
	} catch {
		return fallback;
	}
}

export class Preferences {
	#initial = load();
	largeText = $state(this.#initial.largeText);
	listing: ListingLanguage = $state(this.#initial.listing);

	toggleLargeText(): void {
		this.largeText = !this.largeText;
		this.#save();
	}

	setListing(language: ListingLanguage): void {
		this.listing = language;
		this.#save();
	}

	#save(): void {
		try {
			localStorage.setItem(
				KEY,
				JSON.stringify({ largeText: this.largeText, listing: this.listing }),
			);
		} catch {
			// Not kept: fine.
		}
	}
}
