// Group commit: the writes of every request that reaches the engine in one event-loop turn commit together, in one
// synchronous LMDB transaction, at the end of that turn (setImmediate runs after all ready sockets are read). Items,
// indexes, stats, the TTL index, backups and other metadata all go through it; only the table catalog commits on its
// own (storage/catalog.ts), synchronously as well, so the engine never uses lmdb-js's writer thread.
// - A request is answered once its group has committed. With sync 'always' the commit includes an fsync (one per
//   group, not one per request); by default it does not, and @ack-local/lmdb-flush fsyncs in the background.
// - Nothing crosses threads. lmdb-js's asynchronous transactions hand each commit to its writer thread and back,
//   which on a 2-core machine costs more than the writes (docs/performance.md).
// - Each request runs in a child transaction: one that throws rolls back alone, and the others still commit.
// With sync 'always' the event loop waits while a group's flush runs (0.4-1 ms here), so reads that arrive then wait
// too. Measured alternatives (docs/performance.md):
// - Flushing on the thread pool (env.sync) before answering is slower: with lmdb-js's overlappingSync the next commit
//   waits for the previous flush anyway, and the thread round trip comes on top.
// - Sending each group through lmdb-js's writer thread overlaps big flushes with parsing: BatchWrite at c=32 gets
//   faster. But a lone write pays the round trip, and lone writes are what test suites do.
import type { RootDatabase } from 'lmdb';

/** Something written beside LMDB that commits with each group (the stream record log, storage/stream-log.ts): what
 *  the group's requests added is written in prepare(), inside the group's transaction, so that the transaction's
 *  commit is also the participant's commit point. */
export interface CommitParticipant {
  /** Where the participant stands before one request's work; rollback(mark) drops what that work added. */
  mark(): number;
  rollback(mark: number): void;
  /** Inside the group's transaction, after every request's work. A throw aborts the whole group. */
  prepare(): void;
  /** After the group's transaction committed (true) or failed (false). */
  settle(committed: boolean): void;
  /** Resolves once what committed so far is on disk. */
  flush(): Promise<void>;
  close(): void;
}

interface Queued {
  work: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class GroupCommit {
  #queue: Queued[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  readonly #participants: CommitParticipant[] = [];
  /** Each participant's mark before the request being run (reused: no array per request). */
  readonly #marks: number[] = [];

  constructor(
    private readonly env: RootDatabase,
    /** Called after each group's commit (the background flush). */
    private readonly afterCommit: () => void = () => {},
  ) {}

  join(participant: CommitParticipant): void {
    this.#participants.push(participant);
  }

  /** Flushes and closes the participants (the store closes after its last commit). */
  async closeParticipants(): Promise<void> {
    for (const participant of this.#participants) {
      await participant.flush();
      participant.close();
    }
  }

  /** Resolves once the participants' committed writes are on disk. */
  async flushParticipants(): Promise<void> {
    for (const participant of this.#participants) await participant.flush();
  }

  /** Runs `work` in a write transaction shared with this turn's other requests; resolves once it is committed.
   *  `work` must be synchronous: a promise would keep the group's transaction open across turns. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.#scheduled ??= setImmediate(() => this.commitQueued());
    });
  }

  /** Resolves once every write queued so far has committed (groups commit in order). */
  settled(): Promise<void> {
    return this.run(() => undefined);
  }

  /** Commits what is queued now (also called before the store closes). */
  commitQueued(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    const group = this.#queue;
    this.#queue = [];
    if (group.length === 0) return;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    const participants = this.#participants;
    const marks = this.#marks;
    try {
      this.env.transactionSync(() => {
        for (const { work } of group) {
          for (let i = 0; i < participants.length; i++) marks[i] = participants[i]!.mark();
          try {
            // Nested in the group's transaction, transactionSync opens a child transaction (aborted on a throw).
            outcomes.push({ ok: true, value: this.env.transactionSync(work) });
          } catch (error) {
            participants.forEach((p, i) => p.rollback(marks[i]!));
            outcomes.push({ ok: false, value: error });
          }
        }
        for (const participant of participants) participant.prepare();
      });
    } catch (error) {
      // The group's own commit failed (disk full, closed store): nothing of it was written.
      for (const participant of participants) participant.settle(false);
      for (const queued of group) queued.reject(error);
      return;
    }
    for (const participant of participants) participant.settle(true);
    this.afterCommit();
    group.forEach((queued, i) =>
      outcomes[i]!.ok ? queued.resolve(outcomes[i]!.value) : queued.reject(outcomes[i]!.value),
    );
  }
}
