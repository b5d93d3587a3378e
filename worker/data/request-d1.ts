/**
 * The D1 binding as one request sees it. It counts round trips (each one is a network hop to the
 * database in production, so they, not the SQL, decide latency), and when the session middleware ran
 * the request on a per-isolate hint of the caller's scope, the first round trip carries the session
 * lookup with it, and nothing it read is released until that lookup agrees with the hint.
 */

/** The request ran on a hint that the session lookup contradicts: it must run again on the fresh scope. */
export class StaleSessionHint extends Error {
  constructor() {
    super("stale session hint");
  }

  /** Whether this error, or one it wraps (drizzle wraps a failed query's error), is a stale hint. */
  static behind(error: unknown): boolean {
    for (let e = error; e instanceof Error; e = e.cause) if (e instanceof StaleSessionHint) return true;
    return false;
  }
}

export interface SessionCheck {
  /** The session lookup, as its own statement of the first batch. */
  sql: string;
  params: unknown[];
  /** Whether the looked-up row (its columns in select order; undefined when none) is what the request assumed. */
  matches(values: unknown[] | undefined): boolean;
}

// Only a plain select counts as a read: a `with …` statement may end in a write.
const READ = /^\s*select\b/i;

/** Rows of a batch come back as objects, which would merge same-named columns (`units.name`, `city.name`):
 * wrapped as a subquery, a select gets unique column names (`name`, `name:1`) in the same order. */
function batchSql(sql: string): string {
  return READ.test(sql) ? `select * from (${sql})` : sql;
}

export class RequestStatement {
  private readonly owner: RequestD1;
  readonly sql: string;
  readonly params: unknown[];

  constructor(owner: RequestD1, sql: string, params: unknown[] = []) {
    this.owner = owner;
    this.sql = sql;
    this.params = params;
  }

  get isRead(): boolean {
    return READ.test(this.sql);
  }

  bind(...params: unknown[]): RequestStatement {
    return new RequestStatement(this.owner, this.sql, params);
  }

  /** The real statement: as written alone, or wrapped for a batch. */
  prepared(inBatch: boolean): D1PreparedStatement {
    return this.owner.d1.prepare(inBatch ? batchSql(this.sql) : this.sql).bind(...this.params);
  }

  all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    return this.owner.single(
      this,
      (s) => s.all<T>(),
      (r) => r as D1Result<T>,
    );
  }

  async first<T = Record<string, unknown>>(column?: string): Promise<T | null> {
    const { results } = await this.all<Record<string, unknown>>();
    const row = results[0];
    if (!row) return null;
    return (column === undefined ? row : row[column]) as T;
  }

  raw<T = unknown[]>(): Promise<T[]> {
    return this.owner.single(
      this,
      (s) => s.raw<T>(),
      (r) => r.results.map((row) => Object.values(row as Record<string, unknown>) as T),
    );
  }

  run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    return this.owner.single(
      this,
      (s) => s.run<T>(),
      (r) => r as D1Result<T>,
    );
  }
}

export class RequestD1 {
  /** D1 calls this request made: a batch is one. */
  roundTrips = 0;
  private pendingCheck: SessionCheck | null = null;
  private verification: Promise<void> | null = null;
  /** Work for after the response (by key: the same work asked twice runs once). */
  private readonly deferred = new Map<string, () => Promise<void>>();

  readonly d1: D1Database;

  constructor(d1: D1Database) {
    this.d1 = d1;
  }

  /** The request runs on a hinted session: the first round trip must confirm it. */
  expectSession(check: SessionCheck): void {
    this.pendingCheck = check;
  }

  prepare(sql: string): RequestStatement {
    return new RequestStatement(this, sql);
  }

  async batch<T = unknown>(statements: RequestStatement[]): Promise<D1Result<T>[]> {
    const prepared = statements.map((s) => s.prepared(true));
    if (this.pendingCheck && statements.every((s) => s.isRead)) {
      return (await this.withSessionCheck(prepared)) as D1Result<T>[];
    }
    await this.settleSession();
    this.roundTrips++;
    return this.d1.batch<T>(prepared);
  }

  /** One statement: a read may carry the pending session check; a write never runs before it is confirmed. */
  async single<R>(
    statement: RequestStatement,
    alone: (s: D1PreparedStatement) => Promise<R>,
    fromBatch: (result: D1Result) => R,
  ): Promise<R> {
    if (this.pendingCheck && statement.isRead) {
      const [result] = await this.withSessionCheck([statement.prepared(true)]);
      return fromBatch(result as D1Result);
    }
    await this.settleSession();
    this.roundTrips++;
    return alone(statement.prepared(false));
  }

  /**
   * Confirms the hinted session if nothing has yet: before a write, and after a handler that made no
   * D1 call at all. Throws `StaleSessionHint` when the lookup disagrees.
   */
  async settleSession(): Promise<void> {
    if (this.pendingCheck) await this.withSessionCheck([]);
    else if (this.verification) await this.verification;
  }

  async exec(query: string): Promise<D1ExecResult> {
    await this.settleSession();
    this.roundTrips++;
    return this.d1.exec(query);
  }

  private async withSessionCheck(statements: D1PreparedStatement[]): Promise<D1Result[]> {
    const check = this.pendingCheck;
    if (!check) throw new Error("no session check pending");
    this.pendingCheck = null;
    const lookup = this.d1.prepare(batchSql(check.sql)).bind(...check.params);
    this.roundTrips++;
    const answer = this.d1.batch([lookup, ...statements]);
    // Concurrent calls of the same request wait for the verdict before they run.
    this.verification = answer.then(([session]) => {
      const row = session?.results[0] as Record<string, unknown> | undefined;
      if (!check.matches(row ? Object.values(row) : undefined)) throw new StaleSessionHint();
    });
    await this.verification;
    return (await answer).slice(1);
  }

  /** The request's D1 view behind a drizzle client's binding, if it is one. */
  static of(binding: unknown): RequestD1 | undefined {
    return binding instanceof RequestD1 ? binding : undefined;
  }

  /**
   * Work to run after the response, off its path (sealing the audit events a write appended). It should use
   * the bare binding `d1`: this view's round trips are the response's and are reported before it runs.
   */
  afterResponse(key: string, task: () => Promise<void>): void {
    if (!this.deferred.has(key)) this.deferred.set(key, task);
  }

  /** Starts the deferred work and hands it to `waitUntil` (the execution context's), so it outlives the response. */
  startDeferred(waitUntil: (work: Promise<void>) => void): void {
    if (this.deferred.size === 0) return;
    const work = Promise.allSettled([...this.deferred.values()].map((task) => task())).then(() => undefined);
    this.deferred.clear();
    try {
      waitUntil(work);
    } catch {
      // No execution context (a bare `app.request` in a test): the work runs on, unattached.
    }
  }

  /** drizzle's D1 driver uses only prepare, bind, all, raw, run and batch, which this class provides. */
  asBinding(): D1Database {
    return this as unknown as D1Database;
  }
}
