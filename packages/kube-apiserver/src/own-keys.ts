// Objects that hold user keys (labels, annotations, data, anything under spec) are plain objects, and two
// things about plain objects must never reach user keys: assigning `__proto__` replaces the prototype instead
// of adding a key (the key is lost, or worse, its value becomes the object's prototype), and reading a key the
// object does not own (`constructor`, `toString`, `__proto__`) finds Object.prototype's member. Every key is
// an ordinary string to Kubernetes, so code that merges or walks user maps goes through these two helpers.

/** The value the object itself holds under key (never an inherited member). */
export function ownValue(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/** obj[key] = value, with `__proto__` stored as an ordinary own key. */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}
