// `scripts/bench/run --help`: what each option does. Kept beside the option list in main.ts.
export const USAGE = `scripts/bench/run — ack-local against its peers (dynalite, moto when present), side by side.

Options:
  --quick                 short run: 700 ms per workload, 1 round, 2,000-item scan table
  --duration-ms N         measured time per workload and target (default 2000)
  --rounds N              rounds; targets alternate within each round (default 3)
  --concurrency a,b       client concurrencies (default 1,32)
  --targets a,b           only these targets (names as printed: ack-local, dynalite, moto, ...)
  --workloads a,b         only these workloads (names as printed, case-insensitive)
  --scan-items N          items in the scan table (default 10000)
  --no-peers              ack-local only (no dynalite, moto)
  --baseline DIR          also run the ack-local bundle of another checkout (built there first) in the same
                          rounds: before/after figures from one run
  --ab-env NAME=VALUE     also run a second ack-local with that environment variable, alternated with the first
  --sync always|never     also run an ack-local in that LMDB sync mode (--no-sync = never)
  --engine                no servers: each workload against the engine in this process (µs/op)
  --scaling [--scaling-items N]   how operations scale with table size
  --kube                  kube-apiserver workloads (kubectl-style requests)
  --stream-trim           no servers: DynamoDB Streams retention trimming of 100,000 records in this process,
                          with PutItem latencies during the trim
  --cpu-prof-dir DIR      write V8 CPU profiles of the ack-local target there
  -h, --help              this text

Results: bench/results/<date>-<host>.md and .json (git-ignored; force-add the runs a closing note cites).
`;
