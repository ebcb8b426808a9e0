// The session context: set once by App.svelte, read by every component that needs the session.
import { createContext } from 'svelte';
import type { Session } from './session.svelte.ts';

const [get, set] = createContext<Session>();

/** The current session; throws a helpful error outside <App>. */
export function getSession(): Session {
	try {
		return get();
	} catch {
		throw new Error(
			'Cache Lab: getSession() was called outside <App>, which provides the session.',
		);
	}
}

export const setSession = set;
