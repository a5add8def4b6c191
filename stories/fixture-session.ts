import type { Citizen, CitizenSession, SessionState, SignInOptions } from '../src/session/session.js';

/** A test citizen for stories and component tests. */
export const ZOFIE: Citizen = {
  name: 'Žofie Dvořáková',
  given_name: 'Žofie',
  family_name: 'Dvořáková',
  email: 'zofie.dvorakova@example.cz',
  loa: 'loasubstantial',
};

/**
 * A session that never leaves the page: it starts in the given state, records
 * what the widget asked of it, and moves between states when told to. For
 * Storybook and component tests; the flow tests use the real one.
 */
export class FixtureSession extends EventTarget implements CitizenSession {
  readonly calls: { method: 'signIn' | 'signOut'; options?: SignInOptions }[] = [];

  constructor(private current: SessionState = { status: 'signed-out' }) {
    super();
  }

  get state(): SessionState {
    return this.current;
  }

  get citizen(): Citizen | undefined {
    return this.current.status === 'signed-in' ? this.current.citizen : undefined;
  }

  /** Moves to `state`, firing what the real session fires. */
  set(state: SessionState): void {
    const before = this.citizen;
    this.current = state;
    this.dispatchEvent(new Event('change'));
    if (!before && this.citizen) this.dispatchEvent(new CustomEvent('obec-sign-in', { detail: this.citizen }));
    if (before && !this.citizen) this.dispatchEvent(new CustomEvent('obec-sign-out', { detail: before }));
  }

  async signIn(options?: SignInOptions): Promise<void> {
    this.calls.push({ method: 'signIn', options });
    this.set({ status: 'busy', action: 'signing-in' });
  }

  async signOut(): Promise<void> {
    this.calls.push({ method: 'signOut' });
    this.set({ status: 'busy', action: 'signing-out' });
  }

  async accessToken(): Promise<string | undefined> {
    return this.citizen ? 'fixture-token' : undefined;
  }
}
