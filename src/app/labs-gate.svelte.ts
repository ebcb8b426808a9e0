// Whether the Labs screen is open. Small on purpose: the top bar holds it on the first screen,
// while the labs themselves (experiments, plots) load only when the screen opens.
export class LabsGate {
	open = $state(false);
	/** Set when the screen closes, so the top bar's Labs button takes the focus back. */
	returnFocus = $state(false);

	show(): void {
		this.open = true;
		this.returnFocus = false;
	}

	close(): void {
		if (!this.open) return;
		this.open = false;
		this.returnFocus = true;
	}
}
