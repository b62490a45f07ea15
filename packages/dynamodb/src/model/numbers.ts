export function normalizeNumber(n: string): string { throw new Error('not implemented'); }
export function compareNumbers(a: string, b: string): number { throw new Error('not implemented'); }
export function addNumbers(a: string, b: string): string { throw new Error('not implemented'); }
export function subtractNumbers(a: string, b: string): string { throw new Error('not implemented'); }
