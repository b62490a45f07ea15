// A self-signed serving certificate for `--auth`. kubectl (client-go's clientcmd) sends a kubeconfig's bearer
// token only over TLS: pointed at an http:// server it sends no Authorization header at all (kubernetes/kubectl
// issue 744; client-go sets the token "only for TLS connections"). So a server that requires a token has to
// speak HTTPS. The certificate is made at start for the local names; kubeconfigs keep
// `insecure-skip-tls-verify: true`, as client-node 1.x needs for this server anyway.
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export interface ServingCertificate {
  /** PEM private key. */
  key: string;
  /** PEM certificate. */
  cert: string;
}

/** Valid for a year from now, for localhost, 127.0.0.1, ::1 and any further host names or addresses given. */
export async function generateServingCertificate(hosts: string[] = []): Promise<ServingCertificate> {
  const names = [...new Set(['localhost', '127.0.0.1', '::1', ...hosts.filter(Boolean)])];
  const now = new Date();
  const result = await generate([{ name: 'commonName', value: 'ack-local-kube-apiserver' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: names.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })),
      },
    ],
  });
  return { key: result.private, cert: result.cert };
}
