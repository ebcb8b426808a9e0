// Offline use: registers the service worker that precaches the built app (so it keeps working
// without a network after the first visit) and offers a reload when a new version is ready. The
// dev server and the one-file build have no worker: there this does nothing.
export class Offline {
	/** A new version is cached and waits for a reload. */
	updateReady = $state(false);
	/** The app is cached: it will open without a network. */
	ready = $state(false);
	#update: ((reload?: boolean) => Promise<void>) | null = null;

	async start(): Promise<void> {
		if (__SINGLE_FILE__ || import.meta.env.DEV || !('serviceWorker' in navigator)) return;
		const { registerSW } = await import('virtual:pwa-register');
		this.#update = registerSW({
			onNeedRefresh: () => (this.updateReady = true),
			onOfflineReady: () => (this.ready = true),
			onRegisteredSW: () => (this.ready = true),
		});
	}

	/** Reloads into the new version. */
	async reload(): Promise<void> {
		await this.#update?.(true);
	}
}
