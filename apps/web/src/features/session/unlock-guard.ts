/**
 * The idle lock's PIN and wrong-try count, in this page's memory only: the PIN unlocks a screen
 * whose keys are still in memory, so it never protects anything at rest, and a closed app always
 * asks for the password. After 5 wrong tries (PIN or password) only the password is accepted;
 * after 10 the keys are dropped and only an online sign-in opens the device's data again.
 */
export const PIN_PATTERN = /^\d{6,}$/;
export const PIN_TRIES = 5;
export const ALL_TRIES = 10;
const PIN_ITERATIONS = 100_000;

export type WrongTry = 'retry' | 'password' | 'online';

async function hashPin(pin: string, salt: Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: PIN_ITERATIONS },
    key,
    256,
  );
  return btoa(String.fromCharCode(...new Uint8Array(bits)));
}

export class UnlockGuard {
  #pin: { salt: Uint8Array<ArrayBuffer>; hash: string } | null = null;
  #failures = 0;

  get hasPin(): boolean {
    return this.#pin !== null;
  }

  /** The PIN is still accepted (set, and fewer than 5 wrong tries). */
  get pinAllowed(): boolean {
    return this.#pin !== null && this.#failures < PIN_TRIES;
  }

  async setPin(pin: string): Promise<void> {
    if (!PIN_PATTERN.test(pin)) throw new Error('A PIN is 6 or more digits');
    const salt = crypto.getRandomValues(new Uint8Array(16));
    this.#pin = { salt, hash: await hashPin(pin, salt) };
  }

  async checkPin(pin: string): Promise<boolean> {
    if (!this.#pin || !this.pinAllowed) return false;
    return (await hashPin(pin, this.#pin.salt)) === this.#pin.hash;
  }

  succeeded(): void {
    this.#failures = 0;
  }

  failed(): WrongTry {
    this.#failures += 1;
    if (this.#failures >= ALL_TRIES) return 'online';
    return this.#failures >= PIN_TRIES && this.#pin ? 'password' : 'retry';
  }

  forget(): void {
    this.#pin = null;
    this.#failures = 0;
  }
}
