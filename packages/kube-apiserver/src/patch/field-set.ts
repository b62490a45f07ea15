// Sets of field paths in the managedFields "FieldsV1" encoding (structured-merge-diff): path elements are
// `f:<field>`, `k:<json of list-map keys>`, `v:<json value>` (sets) and `i:<index>`. A path is a member when
// the manager owns that node; `.` in the encoding marks a member that also has members below it.

export type PathElement = string;
export type FieldPath = PathElement[];

export class FieldSet {
  private readonly paths = new Map<string, FieldPath>();

  static of(paths: Iterable<FieldPath>): FieldSet {
    const set = new FieldSet();
    for (const p of paths) set.insert(p);
    return set;
  }

  insert(path: FieldPath): void {
    if (path.length > 0) this.paths.set(JSON.stringify(path), path);
  }

  has(path: FieldPath): boolean {
    return this.paths.has(JSON.stringify(path));
  }

  get size(): number {
    return this.paths.size;
  }

  members(): FieldPath[] {
    return [...this.paths.values()];
  }

  // Set operations reuse the members' keys: re-encoding every path would make deep objects quadratic twice over.
  union(other: FieldSet): FieldSet {
    return FieldSet.ofEntries([...this.paths, ...other.paths]);
  }

  difference(other: FieldSet): FieldSet {
    return FieldSet.ofEntries([...this.paths].filter(([key]) => !other.paths.has(key)));
  }

  intersection(other: FieldSet): FieldSet {
    return FieldSet.ofEntries([...this.paths].filter(([key]) => other.paths.has(key)));
  }

  filter(keep: (path: FieldPath) => boolean): FieldSet {
    return FieldSet.ofEntries([...this.paths].filter(([, path]) => keep(path)));
  }

  private static ofEntries(entries: [string, FieldPath][]): FieldSet {
    const set = new FieldSet();
    for (const [key, path] of entries) set.paths.set(key, path);
    return set;
  }

  toFieldsV1(): Record<string, unknown> {
    interface Node {
      member: boolean;
      children: Map<string, Node>;
    }
    const root: Node = { member: false, children: new Map() };
    for (const path of this.members()) {
      let node = root;
      for (const el of path) {
        let child = node.children.get(el);
        if (!child) {
          child = { member: false, children: new Map() };
          node.children.set(el, child);
        }
        node = child;
      }
      node.member = true;
    }
    const encode = (node: Node): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      if (node.member && node.children.size > 0) out['.'] = {};
      for (const key of [...node.children.keys()].sort()) out[key] = encode(node.children.get(key)!);
      return out;
    };
    return encode(root);
  }

  static fromFieldsV1(encoded: unknown): FieldSet {
    const set = new FieldSet();
    const walk = (node: unknown, path: FieldPath) => {
      if (!node || typeof node !== 'object') return;
      const entries = Object.entries(node as Record<string, unknown>);
      if (entries.length === 0) {
        set.insert(path);
        return;
      }
      for (const [key, child] of entries) {
        if (key === '.') set.insert(path);
        else walk(child, [...path, key]);
      }
    };
    walk(encoded, []);
    return set;
  }
}

/** fieldpath.Path.String(): `.spec.billingMode`, `.spec.list[name="x"].port`, `.metadata.finalizers[="a"]`, `[0]`. */
export function pathString(path: FieldPath): string {
  return path
    .map((el) => {
      const kind = el.slice(0, 2);
      const rest = el.slice(2);
      if (kind === 'f:') return `.${rest}`;
      if (kind === 'v:') return `[=${rest}]`;
      if (kind === 'i:') return `[${rest}]`;
      if (kind === 'k:') {
        const keys = JSON.parse(rest) as Record<string, unknown>;
        return `[${Object.entries(keys)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      }
      return el;
    })
    .join('');
}
