export { createMemoryAdapter } from './createMemoryAdapter'
export type { MemoryAdapter, MemoryAdapterOptions } from './createMemoryAdapter'
export { decodeCursor, encodeCursor, querySignature } from '../keysetCursor'
export type { CursorPosition, CursorQuery } from '../keysetCursor'
