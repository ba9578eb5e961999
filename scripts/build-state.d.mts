// Types of build-state.mjs (imported by bench/startup.ts, which is type-checked).
export declare const STAMP: string;
export declare function newestSource(root: URL): number;
export declare function buildOutdated(root: URL): 'missing' | 'older than src/' | null;
