// The age format of kubectl/apiserver tables: k8s.io/apimachinery/pkg/util/duration.HumanDuration.
// Precise at small scales, coarser as durations grow ("90s", "3m20s", "15m", "2h5m", "20h", "2d3h", "30d", "2y10d").

export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  // A little clock skew between writer and reader reads as "just now" rather than as an error.
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;

  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) return withRemainder(minutes, 'm', seconds % 60, 's');
  if (minutes < 60 * 3) return `${minutes}m`;

  const hours = Math.trunc(minutes / 60);
  if (hours < 8) return withRemainder(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return withRemainder(Math.trunc(hours / 24), 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) return withRemainder(Math.trunc(hours / 24 / 365), 'y', Math.trunc(hours / 24) % 365, 'd');
  return `${Math.trunc(hours / 24 / 365)}y`;
}

function withRemainder(value: number, unit: string, remainder: number, remainderUnit: string): string {
  return remainder === 0 ? `${value}${unit}` : `${value}${unit}${remainder}${remainderUnit}`;
}

/** Age of a Kubernetes timestamp (RFC3339) as printed in tables; '<unknown>' for a missing one. */
export function ageOf(timestamp: string | undefined, now: Date): string {
  if (!timestamp) return '<unknown>';
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return '<invalid>';
  return humanDuration(now.getTime() - at);
}
