// Values the global setup provides to every test (`inject('mongoUri')`).
declare module 'vitest' {
  export interface ProvidedContext {
    /** MongoDB wire-protocol server for this run (FerretDB unless MONGODB_URI is set) */
    mongoUri: string;
    /** Redis for this run (our own redis-server unless REDIS_URL is set) */
    redisUrl: string;
  }
}

export {};
