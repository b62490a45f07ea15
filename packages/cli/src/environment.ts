// The environment a user's shell needs to talk to ack-local with kubectl, the AWS CLI and the SDKs.

export interface Endpoints {
  kubeconfig: string;
  dynamodbUrl: string;
  region: string;
}

/** The dummy access key we print. Not 12 digits → the default account. Under --isolation access-key the
 *  controller and seeds act as this key too, so users see their tables. */
export const LOCAL_ACCESS_KEY_ID = 'local';

/** Dummy credentials: signatures are parsed, not verified. */
export function environmentVariables(e: Endpoints): [string, string][] {
  return [
    ['KUBECONFIG', e.kubeconfig],
    ['AWS_ENDPOINT_URL', e.dynamodbUrl],
    ['AWS_ENDPOINT_URL_DYNAMODB', e.dynamodbUrl],
    ['AWS_REGION', e.region],
    ['AWS_DEFAULT_REGION', e.region],
    ['AWS_ACCESS_KEY_ID', LOCAL_ACCESS_KEY_ID],
    ['AWS_SECRET_ACCESS_KEY', 'local'],
  ];
}

const shQuote = (v: string) => (/^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);

export function exportLines(e: Endpoints, shell: 'bash' | 'zsh' | 'fish' = 'bash'): string {
  return environmentVariables(e)
    .map(([k, v]) => (shell === 'fish' ? `set -gx ${k} ${shQuote(v)};` : `export ${k}=${shQuote(v)}`))
    .join('\n');
}
