/** Connectivity and app-lifecycle events: the browser's by default, a host's own elsewhere (React Native, CLI). */
export interface PlatformSignals {
  isOnline(): boolean;
  onOnline(listener: () => void): () => void;
  onOffline(listener: () => void): () => void;
  /** The app came to the foreground (focus, visibility). */
  onForeground(listener: () => void): () => void;
}

type Target = {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
};

function listen(target: Target | undefined, type: string, listener: () => void): () => void {
  target?.addEventListener(type, listener);
  return () => target?.removeEventListener(type, listener);
}

/** navigator.onLine and window/document events where they exist; "always online" elsewhere. */
export function browserSignals(): PlatformSignals {
  const win = typeof window === 'undefined' ? undefined : (window as unknown as Target);
  const doc = typeof document === 'undefined' ? undefined : document;
  return {
    isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
    onOnline: (fn) => listen(win, 'online', fn),
    onOffline: (fn) => listen(win, 'offline', fn),
    onForeground(fn) {
      const onVisible = () => {
        if (doc?.visibilityState === 'visible') fn();
      };
      const stopFocus = listen(win, 'focus', fn);
      const stopVisibility = listen(
        doc as unknown as Target | undefined,
        'visibilitychange',
        onVisible,
      );
      return () => {
        stopFocus();
        stopVisibility();
      };
    },
  };
}

/** Signals a test drives by hand. */
export function manualSignals(initiallyOnline = true) {
  let online = initiallyOnline;
  const listeners = {
    online: new Set<() => void>(),
    offline: new Set<() => void>(),
    foreground: new Set<() => void>(),
  };
  const add = (set: Set<() => void>, fn: () => void) => {
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  };
  return {
    isOnline: () => online,
    onOnline: (fn: () => void) => add(listeners.online, fn),
    onOffline: (fn: () => void) => add(listeners.offline, fn),
    onForeground: (fn: () => void) => add(listeners.foreground, fn),
    goOnline() {
      online = true;
      for (const fn of listeners.online) fn();
    },
    goOffline() {
      online = false;
      for (const fn of listeners.offline) fn();
    },
    foreground() {
      for (const fn of listeners.foreground) fn();
    },
  } satisfies PlatformSignals & Record<string, unknown>;
}
