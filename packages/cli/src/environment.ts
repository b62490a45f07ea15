// The environment a user's shell needs to talk to ack-local with kubectl, the AWS CLI and the SDKs.

export interface Endpoints {
  /** Absent for `ack-local dynamodb` (no kube-apiserver). */
  kubeconfig?: string;
  dynamodbUrl: string;
  region: string;
}

/** The dummy access key we print. Not 12 digits → the default account. Under --isolation access-key the
 *  controller and seeds act as this key too, so users see their tables. */
export const LOCAL_ACCESS_KEY_ID = 'local';
export const LOCAL_SECRET_ACCESS_KEY = 'local';

/**
 * Dummy credentials (signatures are parsed, not verified) and the service-specific endpoint variables only: the
 * global AWS_ENDPOINT_URL would send every AWS service to ack-local (`aws sts get-caller-identity`, `aws s3 ls`
 * would fail against it). Streams share DynamoDB's port, as they share DynamoDB Local's. AWS_DEFAULT_REGION is
 * what AWS CLI v1 and boto3 read; AWS_REGION what the other SDKs read.
 */
export function environmentVariables(e: Endpoints): [string, string][] {
  return [
    ...(e.kubeconfig ? [['KUBECONFIG', e.kubeconfig] as [string, string]] : []),
    ['AWS_ENDPOINT_URL_DYNAMODB', e.dynamodbUrl],
    ['AWS_ENDPOINT_URL_DYNAMODB_STREAMS', e.dynamodbUrl],
    ['AWS_REGION', e.region],
    ['AWS_DEFAULT_REGION', e.region],
    ['AWS_ACCESS_KEY_ID', LOCAL_ACCESS_KEY_ID],
    ['AWS_SECRET_ACCESS_KEY', LOCAL_SECRET_ACCESS_KEY],
  ];
}

const shQuote = (v: string) => (/^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);

export function exportLines(e: Endpoints, shell: 'bash' | 'zsh' | 'fish' = 'bash'): string {
  return environmentVariables(e)
    .map(([k, v]) => (shell === 'fish' ? `set -gx ${k} ${shQuote(v)};` : `export ${k}=${shQuote(v)}`))
    .join('\n');
}
