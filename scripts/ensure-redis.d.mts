export declare const redisServerPath: string;
/** The path of redis-server, or undefined (with the reason printed) when it is missing and cannot be installed. */
export declare function ensureRedis(): string | undefined;
