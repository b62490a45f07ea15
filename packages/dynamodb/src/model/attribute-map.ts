// Items and maps are plain objects keyed by attribute names, and any string is a valid attribute name: "__proto__"
// and "constructor" too (issue 19). A plain `map[name]` read would find Object.prototype's members for names the
// map does not have, and `map[name] = v` with "__proto__" would replace the object's prototype instead of adding an
// attribute. Every access by a name that came from a request goes through these two.

const hasOwn = Object.prototype.hasOwnProperty;

/** The attribute `name` of `map`, or undefined; never an inherited member. */
export function attributeOf<T>(map: Readonly<Record<string, T>>, name: string): T | undefined {
  return hasOwn.call(map, name) ? map[name] : undefined;
}

/** Sets attribute `name` of `map` as an own, enumerable property, whatever the name. */
export function setAttribute<T>(map: Record<string, T>, name: string, value: T): void {
  if (name === '__proto__')
    Object.defineProperty(map, name, { value, enumerable: true, writable: true, configurable: true });
  else map[name] = value;
}
