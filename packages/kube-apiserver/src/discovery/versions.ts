// Kubernetes version ordering (k8s.io/apimachinery version.CompareKubeAwareVersionStrings): GA before beta before
// alpha, higher numbers first, non-kube-like names last alphabetically. Decides the preferred version of a group.

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;
const stability = { ga: 3, beta: 2, alpha: 1 } as const;

function rank(version: string): [number, number, number] | undefined {
  const m = KUBE_VERSION.exec(version);
  if (!m) return undefined;
  const level = m[2] ? stability[m[2] as 'alpha' | 'beta'] : stability.ga;
  return [level, Number(m[1]), Number(m[3] ?? 0)];
}

/** Sorts so that the most preferred version comes first. */
export function compareKubeVersions(a: string, b: string): number {
  const ra = rank(a);
  const rb = rank(b);
  if (!ra || !rb) return ra ? -1 : rb ? 1 : a.localeCompare(b);
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return rb[i]! - ra[i]!;
  return 0;
}
