// The container's health: DynamoDB answers GET / with 200 and the kube-apiserver GET /healthz with "ok".
// Node, not curl: the slim base images have no curl. Exit 0 = healthy, 1 = not (Docker's HEALTHCHECK contract).
// Generous timeouts: starting node itself can take seconds on a busy 2-core machine.
const dynamodbPort = process.env.ACK_LOCAL_DYNAMODB_PORT || 8000;
const kubePort = process.env.ACK_LOCAL_KUBE_PORT || 6443;

async function probe(url, healthy) {
  const res = await fetch(url, { signal: AbortSignal.timeout(8000) });
  const body = await res.text();
  if (!healthy(res.status, body)) throw new Error(`${url} answered ${res.status} ${body.slice(0, 80)}`);
}

Promise.all([
  probe(`http://127.0.0.1:${dynamodbPort}/`, (status) => status === 200),
  probe(`http://127.0.0.1:${kubePort}/healthz`, (status, body) => status === 200 && body.trim() === 'ok'),
]).then(
  () => process.exit(0),
  (e) => {
    console.error(`unhealthy: ${e.cause?.code ?? e.message}`);
    process.exit(1);
  },
);
