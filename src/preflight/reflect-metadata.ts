/**
 * The part of the Reflect metadata API that @peculiar/x509's dependency injection (tsyringe)
 * asks for when it loads: tsyringe refuses to load without Reflect.getMetadata, and reads
 * constructor parameter types with it (x509's injectable classes have none). Defined only
 * when missing; import this module before @peculiar/x509.
 */
type Target = object;
const store = new WeakMap<Target, Map<unknown, unknown>>();
const R = Reflect as unknown as Record<string, unknown>;

if (typeof R.getMetadata !== 'function') {
  const define = (key: unknown, value: unknown, target: Target) => {
    const m = store.get(target) ?? new Map<unknown, unknown>();
    m.set(key, value);
    store.set(target, m);
  };
  const own = (key: unknown, target: Target) => store.get(target)?.get(key);
  const inherited = (key: unknown, target: Target) => {
    for (let t: Target | null = target; t; t = Object.getPrototypeOf(t)) {
      const m = store.get(t);
      if (m?.has(key)) return m.get(key);
    }
    return undefined;
  };
  Object.assign(R, {
    defineMetadata: define,
    getOwnMetadata: own,
    getMetadata: inherited,
    hasMetadata: (key: unknown, target: Target) => inherited(key, target) !== undefined,
    metadata: (key: unknown, value: unknown) => (target: Target) => define(key, value, target),
  });
}

export {};
